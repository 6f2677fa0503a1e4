"""Benchmark: export 100 versions of the demo exam (each LMS format), and grade 1,000 synthetic students.

Targets: the export step under 1 s given the drawn versions (drawing is timed
separately), grading 1,000 students under 1 s. Run: python benchmarks/export_grade.py

The render phase (everything after drawing: questions rendered to HTML on every core,
then the file written) is timed per format as wall and CPU, the CPU counting the forked
workers too. Issue 16 asked for the whole export in half its time (benchmarks/startup.py has
that: 0.48x); the render phase alone, on the 2-core machine (medians of 7
fresh processes alternating with the code before, another job keeping about one core busy):
  moodle  0.59 -> 0.47 s wall   (CPU 0.59 -> 0.72 s)
  qti     1.56 -> 0.97 s wall   (CPU 1.54 -> 1.63 s)
  gift    0.56 -> 0.35 s wall   (CPU 0.56 -> 0.57 s)
Short of half: with the other core busy, the two workers share it; the questions' rendering
(templates, LaTeX to HTML) is the same work as before, now split over the workers.
"""
from __future__ import annotations

import csv
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from qbank.exam.assemble import assemble
from qbank.exam.key import key_data
from qbank.exam.spec import parse
from qbank.export import render
from qbank.grade import grade
from qbank.paths import data_dir


def timed(label, fn):
    start = time.perf_counter()
    value = fn()
    print(f"{label:<48} {time.perf_counter() - start:7.3f} s")
    return value


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the forked workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def render_phase(spec, versions, fmt: str, runs: int = 3) -> None:
    """Print the median wall and CPU time of rendering `fmt` from drawn `versions`."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        render(spec, versions, fmt)
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    print(f"{'render ' + fmt + f' (median of {runs}; CPU with workers)':<48} {statistics.median(walls):7.3f} s"
          f"   CPU {statistics.median(cpus):.3f} s")


def synthetic_responses(key: dict, students: int, path: Path) -> None:
    """Each auto-graded part is typed as its key with probability 0.7, else as "0" (wrong unless the key is 0);
    free-text parts are left empty, waiting for a person."""
    rng = np.random.default_rng(0)
    columns = list(dict.fromkeys(f"{q['number']}.{p['name']}" for v in key["versions"] for q in v["questions"]
                                 for p in q["parts"]))
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student_id", "version"] + columns)
        for i in range(students):
            version = key["versions"][i % len(key["versions"])]
            cells = {}
            for q in version["questions"]:
                for p in q["parts"]:
                    right = rng.random() < 0.7
                    cells[f"{q['number']}.{p['name']}"] = p["text"] if right and p["kind"] != "text" else (
                        "" if p["kind"] == "text" else "0")
            writer.writerow([f"s{i:04d}", version["version"]] + [cells.get(c, "") for c in columns])


def main():
    spec = parse(data_dir("banks") / "demo-final.yaml", versions=100)
    versions = timed("draw 100 versions (assemble)", lambda: assemble(spec))
    timed("export to Moodle XML (cold: compiles templates)", lambda: render(spec, versions, "moodle"))
    timed("export to Moodle XML (given the drawn versions)", lambda: render(spec, versions, "moodle"))
    timed("draw + export together", lambda: render(spec, assemble(spec), "moodle"))
    for fmt in ("moodle", "qti", "gift"):
        render_phase(spec, versions, fmt)
    with tempfile.TemporaryDirectory() as folder:
        key_path, responses = Path(folder) / "key.json", Path(folder) / "responses.csv"
        key = json.loads(json.dumps(key_data(spec, versions[:3])))
        key_path.write_text(json.dumps(key))
        synthetic_responses(key, 1000, responses)
        timed("grade 1,000 students (cold: imports matplotlib)", lambda: grade(key_path, responses))
        timed("grade 1,000 students (report, items, histogram)", lambda: grade(key_path, responses))


if __name__ == "__main__":
    main()
