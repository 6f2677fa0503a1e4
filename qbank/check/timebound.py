"""A time bound on one step of a check, without threads.

On the main thread of a Unix process, SIGALRM (setitimer) interrupts a step that
runs past the bound, so a template that loops forever cannot hang CI. Elsewhere
(Windows, a worker thread) the step runs to completion and is only measured;
the caller flags it as slow either way.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager


class StepTimeout(Exception):
    """The step ran past its time bound and was interrupted."""


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_bound(seconds: float):
    """Run the body with an interrupt after `seconds` (where possible); yields a dict whose "s" is the time taken."""
    timing = {"s": 0.0}
    interrupt = _can_interrupt() and seconds > 0
    if interrupt:
        def on_alarm(signum, frame):
            raise StepTimeout(f"interrupted after {seconds:g} s")

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.perf_counter()
    try:
        yield timing
    finally:
        timing["s"] = time.perf_counter() - start
        if interrupt:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
