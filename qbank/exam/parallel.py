"""Map a function over many items on every core by forking, so the items are never pickled.

Only results travel back (pickled). Where fork is unavailable, on one core, for
few items, or when anything goes wrong in a worker, the map runs serially in
this process instead, which gives the same results (and the real error, if any).
`Background` runs one function the same way in one forked worker while this process
goes on with other work.
"""
from __future__ import annotations

import multiprocessing
import os

_JOB = None  # (fn, items) while a pool runs; the forked workers read it
_CALL = None  # the function a Background worker runs


def fork_map(fn, items: list, min_items: int = 16) -> list:
    """[fn(item) for item in items], computed by up to os.cpu_count() forked workers."""
    workers = min(os.cpu_count() or 1, len(items) // max(1, min_items // 2))
    if workers < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    global _JOB
    _JOB = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = pool.map(_run, [range(w, len(items), workers) for w in range(workers)])
    except Exception:  # a result that cannot be pickled, or an error: redo it here, where errors read plainly
        return [fn(item) for item in items]
    finally:
        _JOB = None
    results = [None] * len(items)
    for w, chunk in enumerate(chunks):
        results[w::workers] = chunk
    return results


def _run(indices) -> list:
    fn, items = _JOB
    return [fn(items[i]) for i in indices]


class Background:
    """`fn()` computed by a forked worker while this process goes on; `result()` waits for it.

    With `here=True` (little work: a fork costs more), on one core or without fork, `result()`
    computes it in this process instead, as it does when the worker fails. Call `close()` when
    the result is not wanted after all.
    """

    def __init__(self, fn, here: bool = False):
        global _CALL
        self._fn, self._pool, self._pending = fn, None, None
        if here or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return
        _CALL = fn
        self._pool = multiprocessing.get_context("fork").Pool(1)
        self._pending = self._pool.apply_async(_call)

    def result(self):
        if self._pool is None:
            return self._fn()
        try:
            return self._pending.get()
        except Exception:  # a result that cannot be pickled, or an error: redo it here, where errors read plainly
            return self._fn()
        finally:
            self.close()

    def close(self):
        global _CALL
        if self._pool is not None:
            self._pool.terminate()
            self._pool, _CALL = None, None


def _call():
    return _CALL()
