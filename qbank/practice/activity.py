"""Requests in flight, so background work (refilling the question pool) waits for a quiet moment."""
from __future__ import annotations

import threading
import time


class Activity:
    """Counts requests being served; `idle()` is True when none is and the last ended `quiet` seconds ago."""

    def __init__(self, quiet: float = 0.02, clock=time.monotonic):
        self.quiet, self.clock = quiet, clock
        self._lock = threading.Lock()
        self._in_flight = 0
        self._last_end = float("-inf")

    def __enter__(self):
        with self._lock:
            self._in_flight += 1
        return self

    def __exit__(self, *exc_info):
        with self._lock:
            self._in_flight -= 1
            self._last_end = self.clock()
        return False

    def idle(self) -> bool:
        """True when no request is being served and none ended in the last `quiet` seconds."""
        with self._lock:
            return self._in_flight == 0 and self.clock() - self._last_end >= self.quiet
