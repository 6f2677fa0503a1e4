"""Check templates in several processes at once (`--jobs`), one template per task.

Worker processes are forked, so they inherit the registry with the
instructor's templates already loaded and need nothing but a template id.
Each worker runs its tasks on its main thread, which keeps the SIGALRM time
bound working. Where fork is unavailable (Windows) the templates run in order
in this process.
"""
from __future__ import annotations

import multiprocessing
import os


def usable_cpus() -> int:
    """CPUs this process may run on (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_templates(work, template_ids: list, jobs: int, on_result=None) -> list:
    """[work(id) for id in template_ids], computed by up to `jobs` processes; on_result(id, result) as each ends."""
    jobs = min(jobs, len(template_ids))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for template_id in template_ids:
            results.append(work(template_id))
            if on_result:
                on_result(template_id, results[-1])
        return results
    by_id = {}
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for template_id, result in pool.imap_unordered(_Call(work), template_ids, chunksize=1):
            by_id[template_id] = result
            if on_result:
                on_result(template_id, result)
    return [by_id[template_id] for template_id in template_ids]


class _Call:
    """Picklable wrapper returning (id, work(id)), so unordered results can be put back in order."""

    def __init__(self, work):
        self.work = work

    def __call__(self, template_id):
        return template_id, self.work(template_id)
