"""Map a function over many items on every core by forking, so the items are never pickled.

Only results travel back (pickled). Where fork is unavailable, on one core, for
few items, or when anything goes wrong in a worker, the map runs serially in
this process instead, which gives the same results (and the real error, if any).
"""
from __future__ import annotations

import multiprocessing
import os

_JOB = None  # (fn, items) while a pool runs; the forked workers read it


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
