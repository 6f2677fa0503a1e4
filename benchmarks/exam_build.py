"""Benchmark: build 100 versions of the demo final exam, LaTeX only and LaTeX + PDFs.

    python benchmarks/exam_build.py [--versions 100]

Prints wall-clock and CPU seconds (this process and its children: forked
workers, pdflatex) for loading the templates (once per process), for the LaTeX
build (draw, render, write the .tex files and the key) and for the full build
with the PDFs of every exam and solution copy (two pdflatex runs: the first, in
draft mode, counts each version's pages for "Page N of M" and the padding), and
for cutting the combined exam PDF into one file per version with pypdf alone. CPU seconds do not depend on how
busy the machine is; on an idle machine wall is about CPU / cores. Targets on a
2-core machine: LaTeX under 2 s and PDFs under 15 s for 100 versions.

Issue 16's draw speed-ups (faster core padding and windows, worked solutions only for
kept draws, shared attention steps, vectorised predicates), same seed and same bytes,
measured back to back on a loaded 2-core machine: LaTeX for 100 versions 3.01 -> 2.40 s
CPU, LaTeX + PDFs 26.8 -> 23.7 s CPU.
"""
import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from qbank.engine.template import all_templates
from qbank.exam import build
from qbank.exam.pages import page_count, split
from qbank.paths import data_dir

BANK = data_dir("banks") / "demo-final.yaml"


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(label, fn):
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = fn()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {cpu_seconds() - cpu:.2f} s CPU")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    n = parser.parse_args().versions
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    measure("load the templates (once per process)", all_templates)
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"LaTeX for {n} versions (build --no-pdf)", lambda: build(BANK, Path(tmp) / "tex", versions=n,
                                                                          make_pdf=False))
        result = measure(f"LaTeX + PDFs for {n} versions", lambda: build(BANK, Path(tmp) / "pdf", versions=n))
        print(f"  {sum(name.endswith('.pdf') for name in result.files)} PDFs")
        combined = result.out / "all_versions.pdf"
        per_version = page_count(result.out / "exam_A.pdf") + page_count(result.out / "exam_A.pdf") % 2
        ranges = {v: (1 + i * per_version, (i + 1) * per_version) for i, v in enumerate(result.letters)}
        measure(f"cutting {page_count(combined)} pages into {n} PDFs (pypdf)",
                lambda: split(combined, ranges, {v: Path(tmp) / f"cut_{v}.pdf" for v in ranges}))


if __name__ == "__main__":
    main()
