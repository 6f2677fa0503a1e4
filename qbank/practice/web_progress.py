"""The page's record: each question checked on the page goes into the progress file once, so the score survives a
reload (and the next terminal drill prefers what went wrong there too).

A question counts when it is checked, or, when it has parts the student compares with
the model answer, once the student has marked each of those. Asking again with the
same token (checking, then showing the solution) never counts twice. The streak of
right questions lives as long as the server; answered, correct and the best streak
are in the progress file (`progress.Progress`). A background thread writes the file
(atomically, synced) after each change, so an answer never waits for the disk: with
fifty students, a write per check under the lock doubled the check's median latency.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from qbank.errors import InputError
from qbank.practice import progress as progress_file

log = logging.getLogger(__name__)


class WebProgress:
    """Thread-safe: many requests may finish questions at once. `progress` None keeps the record in memory only."""

    def __init__(self, progress=None, remember: int = 5000):
        self.progress = progress if progress is not None else progress_file.Progress(path=None)
        self.streak = 0
        self.remember = remember  # how many tokens' outcomes are kept (the session store's capacity)
        self._checked: OrderedDict[str, bool | None] = OrderedDict()  # token -> graded parts all right; None: counted
        self._lock = threading.Condition()
        self._wanted = self._saved = 0  # changes made, changes written
        self._closed = False
        self._saver = None
        if progress is not None:
            self._saver = threading.Thread(target=self._save_changes, name="qbank-progress-saver", daemon=True)
            self._saver.start()

    def checked(self, token: str, template, all_right: bool, waits_for_marks: bool) -> None:
        """A question was checked; it counts now unless the student still marks some parts."""
        with self._lock:
            if token in self._checked:
                return
            self._checked[token] = all_right
            while len(self._checked) > self.remember:
                self._checked.popitem(last=False)
            if not waits_for_marks:
                self._count(token, template, all_right)

    def marked(self, token: str, template, all_marked_right: bool) -> bool:
        """The student marked the parts they compare with the model answer; False when the question was not
        checked first (or was long ago)."""
        with self._lock:
            if token not in self._checked:
                return False
            if self._checked[token] is not None:
                self._count(token, template, self._checked[token] and all_marked_right)
            return True

    def summary(self) -> dict:
        """What the page shows: answered, correct, the current streak and the best."""
        with self._lock:
            return {"answered": self.progress.answered, "correct": self.progress.correct, "streak": self.streak,
                    "best_streak": self.progress.best_streak}

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every change is in the file; False when `timeout` passed first."""
        with self._lock:
            return self._saver is None or self._lock.wait_for(lambda: self._saved >= self._wanted, timeout)

    def close(self) -> None:
        """Write what is left and stop the saving thread."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        if self._saver is not None:
            self._saver.join(timeout=30)

    def _count(self, token: str, template, all_right: bool) -> None:
        self._checked[token] = None
        self.progress.record(template, all_right)
        self.streak = self.streak + 1 if all_right else 0
        self.progress.best_streak = max(self.progress.best_streak, self.streak)
        self._wanted += 1
        self._lock.notify_all()

    def _save_changes(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._wanted > self._saved or self._closed)
                if self._wanted == self._saved:
                    return  # closed, and everything is written
                target, data = self._wanted, self.progress.snapshot()
            try:
                progress_file.write(self.progress.path, data)
            except InputError:  # the file was writable at start-up (server.serve saves first); keep serving
                log.exception("practice server: the progress file could not be written")
            with self._lock:
                self._saved = target
                self._lock.notify_all()
