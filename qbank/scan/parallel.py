"""Read pages on every core: a pool of worker processes, each holding the sheet layout, results in input order.

Workers are spawned, not forked: a fork copies OpenCV's thread pool in whatever
state the parent left it, and such children can hang.
"""
from __future__ import annotations

import multiprocessing
import os

_sheets = None  # the worker's Sheets, set once by _start


def read_all(sources: list, sheets, workers: int | None = None, progress=lambda done, total: None) -> list:
    """page.read_page over `sources` in `workers` processes (default: all cores); PageResults in order."""
    from qbank.scan.page import read_page

    workers = max(1, min(workers or os.cpu_count() or 1, len(sources)))
    results = []
    if workers == 1:
        for source in sources:
            results.append(read_page(source, sheets))
            progress(len(results), len(sources))
        return results
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_start, initargs=(sheets,)) as pool:
        for result in pool.imap(_read, sources):
            results.append(result)
            progress(len(results), len(sources))
    return results


def _start(sheets) -> None:
    global _sheets
    import cv2

    cv2.setNumThreads(1)  # one page per core already; OpenCV's own threads would only compete
    _sheets = sheets


def _read(source):
    from qbank.scan.page import read_page

    return read_page(source, _sheets)
