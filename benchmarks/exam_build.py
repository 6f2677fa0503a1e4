"""Benchmark: build 100 versions of the demo final exam, LaTeX only and LaTeX + PDFs.

    python benchmarks/exam_build.py [--versions 100]

Prints seconds for loading the templates (once per process), for the LaTeX
build (draw, render, write .tex and the key) split into drawing and rendering,
and for the full build with PDFs of every exam and solution copy. Targets on a
2-core machine: LaTeX under 2 s, PDFs under 15 s for 100 versions.
"""
import argparse
import os
import tempfile
import time
from pathlib import Path

from qbank.engine.template import all_templates
from qbank.exam import build, layout
from qbank.exam.assemble import assemble
from qbank.exam.spec import parse
from qbank.paths import data_dir

BANK = data_dir("banks") / "demo-final.yaml"


def seconds(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    args = parser.parse_args()
    n = args.versions
    load, _ = seconds(all_templates)
    print(f"load templates (once per process): {load:.2f} s   [{os.cpu_count()} cores]")
    spec = parse(BANK, versions=n)
    draw, drawn = seconds(lambda: assemble(spec))
    render, _ = seconds(lambda: [layout.render_body(layout.exam_context(spec), layout.version_context(v), s)
                                 for v in drawn for s in (False, True)])
    print(f"  of which drawing {n} versions: {draw:.2f} s, rendering their LaTeX: {render:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        tex, _ = seconds(lambda: build(BANK, Path(tmp) / "tex", versions=n, make_pdf=False))
        print(f"LaTeX for {n} versions (build --no-pdf): {tex:.2f} s")
        full, result = seconds(lambda: build(BANK, Path(tmp) / "pdf", versions=n))
        pdfs = sum(name.endswith(".pdf") for name in result.files)
        print(f"LaTeX + PDFs for {n} versions ({pdfs} PDFs): {full:.2f} s (PDF part about {full - tex:.2f} s)")


if __name__ == "__main__":
    main()
