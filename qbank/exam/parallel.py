"""Map a function over many items on every core by forking, so the items are never pickled.

Only results travel back (pickled). Where fork is unavailable, on one core, for
few items, or when anything goes wrong in a worker, the map runs serially in
this process instead, which gives the same results (and the real error, if any).
`fork_map` returns the whole list; `fork_imap` yields the results in order as the
workers finish them, so the caller works on the first ones while the rest are computed.
"""
from __future__ import annotations

import multiprocessing
import os

_JOB = None  # (fn, items) while a pool runs; the forked workers read it


def _workers(items: list, min_items: int) -> int:
    """How many workers to fork for `items`: 0 when the map should run here, serially."""
    workers = min(os.cpu_count() or 1, len(items) // max(1, min_items // 2))
    if workers < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return workers


def fork_map(fn, items: list, min_items: int = 16) -> list:
    """[fn(item) for item in items], computed by up to os.cpu_count() forked workers."""
    workers = _workers(items, min_items)
    if not workers:
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


def fork_imap(fn, items: list, min_items: int = 16, chunksize: int = 8):
    """fn(item) for item in items, in order, each yielded as soon as it and those before it are computed.

    A generator: close it (or run it to the end) to stop its workers. The caller's own work
    between results shares the cores with the workers, so a serial consumer of results that
    arrive in the order it needs them overlaps with their computation.
    """
    workers = _workers(items, min_items)
    if not workers:
        yield from map(fn, items)
        return
    global _JOB
    _JOB = (fn, items)
    pool = multiprocessing.get_context("fork").Pool(workers)
    done = 0
    try:
        try:
            for result in pool.imap(_one, range(len(items)), chunksize):
                done += 1
                yield result
        except Exception:  # as fork_map: the rest is redone here, where the real error reads plainly
            yield from map(fn, items[done:])
    finally:
        pool.terminate()
        _JOB = None


def _run(indices) -> list:
    fn, items = _JOB
    return [fn(items[i]) for i in indices]


def _one(index):
    fn, items = _JOB
    return fn(items[index])
