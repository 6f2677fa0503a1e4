"""Server-side question sessions: an unguessable token per question, bounded in number and age.

The browser holds only the token (`secrets.token_urlsafe`, 128 bits); the
instance and its key stay here. The store is a least-recently-used map with a
time-to-live, so a long-running server keeps a bounded amount of memory.
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict

TOKEN_BYTES = 16


class SessionStore:
    """Thread-safe token -> value map; holds at most `capacity` entries, each for at most `ttl` seconds idle."""

    def __init__(self, capacity: int = 5000, ttl: float = 6 * 3600, clock=time.monotonic):
        if capacity < 1 or ttl <= 0:
            raise ValueError(f"capacity must be >= 1 and ttl > 0, got {capacity} and {ttl}")
        self.capacity, self.ttl, self.clock = capacity, ttl, clock
        self._items: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, value) -> str:
        """Store `value` under a fresh token, evicting the least recently used entry when full."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._lock:
            now = self.clock()
            self._items[token] = (now, value)
            while len(self._items) > self.capacity or now - next(iter(self._items.values()))[0] > self.ttl:
                self._items.popitem(last=False)  # the oldest use first: over capacity, or expired
        return token

    def get(self, token: str):
        """The value stored under `token`, or None when unknown or expired; a hit counts as a use."""
        with self._lock:
            item = self._items.get(token)
            if item is None:
                return None
            if self.clock() - item[0] > self.ttl:
                del self._items[token]
                return None
            self._items[token] = (self.clock(), item[1])
            self._items.move_to_end(token)
            return item[1]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
