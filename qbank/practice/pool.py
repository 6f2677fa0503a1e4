"""Questions drawn and rendered ahead of time, so asking for a new one costs a dictionary lookup.

Generating an instance (constraint redraws, sympy keys) and rendering it take
from a fraction of a millisecond to tens of milliseconds depending on the
template; a background thread keeps `depth` prepared instances of every
template ready and starts a refill only when the server is idle (no request in
flight), so refills rarely hold the interpreter lock while a student waits. When a pool runs dry
(a burst of requests) the question is prepared on the spot. Seeds are fresh
(`secrets`), so every student gets an unpredictable variant.
"""
from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import deque

from qbank.engine.generate import generate
from qbank.practice.question_view import Prepared, prepare

log = logging.getLogger(__name__)
IDLE_POLL = 0.005  # seconds between looks at whether the server is idle


def fresh(template) -> Prepared:
    """A new prepared variant of `template` from a fresh 63-bit seed."""
    return prepare(generate(template, secrets.randbits(63)))


class QuestionPool:
    """Per-template queues of prepared questions, refilled by one daemon thread."""

    def __init__(self, templates: list, depth: int = 2, idle=lambda: True):
        self.depth, self.idle = depth, idle
        self._ready = {t.id: deque() for t in templates}
        self._templates = list(templates)
        self._wake = threading.Condition()
        self._stopped = False
        self._broken: set[str] = set()
        self._thread = threading.Thread(target=self._refill, name="qbank-question-pool", daemon=True)
        self._thread.start()

    def take(self, candidates: list) -> Prepared:
        """A prepared question of one of `candidates` (drawn at random among those with one ready), else made now.

        A template that fails to prepare is logged and left out from then on; LookupError when none is left.
        """
        while True:
            with self._wake:
                usable = [t for t in candidates if t.id not in self._broken]
                if not usable:
                    raise LookupError("no template of the chosen topics can be prepared; the server log says why")
                ready = [t for t in usable if self._ready.get(t.id)]
                template = secrets.choice(ready or usable)
                item = self._ready[template.id].popleft() if ready else None
                self._wake.notify()
            if item is not None:
                return item
            try:
                return fresh(template)
            except Exception:  # noqa: BLE001 - a broken template must not break the page for the others
                self._leave_out(template)

    def wait_full(self, timeout: float) -> bool:
        """Block until every queue is full (for start-up and tests); False when `timeout` passed first."""
        with self._wake:
            return self._wake.wait_for(lambda: self._next_short() is None or self._stopped, timeout)

    def stop(self) -> None:
        """End the refill thread (it is a daemon: the process may also simply exit)."""
        with self._wake:
            self._stopped = True
            self._wake.notify_all()

    def _leave_out(self, template) -> None:
        log.exception("could not prepare a question of %s; it is left out until the server restarts", template.id)
        with self._wake:
            self._broken.add(template.id)
            if template in self._templates:
                self._templates.remove(template)
            self._wake.notify_all()

    def _next_short(self):
        return next((t for t in self._templates if len(self._ready[t.id]) < self.depth), None)

    def _refill(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._stopped or self._next_short() is not None)
                if self._stopped:
                    return
                template = self._next_short()
            while not self.idle() and not self._stopped:  # requests first: refill in the quiet moments
                time.sleep(IDLE_POLL)
            try:
                item = fresh(template)
            except Exception:  # noqa: BLE001 - one broken template must not stop the others' refills
                self._leave_out(template)
                continue
            with self._wake:
                self._ready[template.id].append(item)
                self._wake.notify_all()
