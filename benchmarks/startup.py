"""Benchmark: how long each qbank command takes from a cold `python -m qbank`, against importing its dependencies.

    python benchmarks/startup.py [--runs 5] [--against OTHER_CHECKOUT] [--only exam,export]

For `--help`, `list`, `show`, `solve`, `exam --no-pdf` (3 versions), `check --id` (10 draws)
and, for scale, `exam --no-pdf` of 100 versions and the Moodle export of 100 versions, it runs
the command and the baseline `python -c "import numpy, jinja2, click, yaml"` as alternated
pairs (so a busy moment slows both), and prints the median wall and CPU time of each and their
ratios (CPU is the steadier figure on a busy machine). `--against DIR` also runs each command
from another checkout (say `git worktree add /tmp/before 3346bb9`, the code before issue 16)
in the same alternation and prints this checkout's time over that one's.
Every command runs as an installed qbank does: with its bytecode cached (PYTHONDONTWRITEBYTECODE
is dropped, and a first unmeasured run writes the cache).
Goal (issue 16): `--help`, `list`, `show` and `solve` within 1.5x of the baseline; 100 versions
without PDFs and the Moodle export of 100 versions in half the time they took before it.
Measured on the idle 2-core machine, `--runs 5 --against` 3346bb9 (wall, this checkout vs before):
  --help 0.165 vs 0.243 s (0.80x the baseline), list 0.201 vs 0.897 (1.07x), show 0.212 vs 0.744 (1.12x),
  solve 0.215 vs 0.832 (0.99x), exam --no-pdf of 3 versions 0.361 vs 1.158 s, check --id 0.827 vs 0.991 s,
  exam --no-pdf of 100 versions 1.347 vs 2.955 s (0.46x; CPU 1.89 vs 3.80 s),
  export moodle of 100 versions 1.211 vs 2.535 s (0.48x; CPU 1.85 vs 3.10 s).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import numpy, jinja2, click, yaml"]


def commands(root: Path, out: Path) -> dict[str, list[str]]:
    qbank, demo = [sys.executable, "-m", "qbank"], str(root / "banks" / "demo-final.yaml")
    return {
        "--help": qbank + ["--help"],
        "list": qbank + ["list"],
        "show conv/layer-cost": qbank + ["show", "conv/layer-cost", "--seed", "1"],
        "solve conv/layer-cost": qbank + ["solve", "conv/layer-cost", "--seed", "1"],
        "exam --no-pdf, 3 versions": qbank + ["exam", demo, "--versions", "3", "--no-pdf",
                                              "--out", str(out / "exam3")],
        "check --id, 10 draws": qbank + ["check", "--id", "conv/layer-cost", "--draws", "10", "--jobs", "1"],
        "exam --no-pdf, 100 versions": qbank + ["exam", demo, "--versions", "100", "--no-pdf",
                                                "--out", str(out / "exam100")],
        "export moodle, 100 versions": qbank + ["export", demo, "--format", "moodle", "--versions", "100",
                                                "--out", str(out / "moodle")],
    }


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str], root: Path = ROOT) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `argv` with the qbank of checkout `root`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(root)
    start, cpu = time.perf_counter(), cpu_children()
    subprocess.run(argv, cwd=root, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_children() - cpu


def cells(own: list, base: list) -> str:
    """'median  median-of-base  ratio' for wall (index 0) and CPU (index 1)."""
    out = []
    for i in (0, 1):
        mine, theirs = statistics.median(t[i] for t in own), statistics.median(t[i] for t in base)
        out.append(f"{mine:>7.3f} {theirs:>8.3f} {mine / theirs:>6.2f}")
    return "   ".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="alternated runs per command")
    parser.add_argument("--against", type=Path, help="another checkout of qbank to time in the same alternation")
    parser.add_argument("--only", help="comma-separated words; only the commands whose label has one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        todo = commands(ROOT, Path(tmp) / "this")
        other = commands(args.against.resolve(), Path(tmp) / "other") if args.against else {}
        if args.only:
            todo = {label: argv for label, argv in todo.items() if any(w in label for w in args.only.split(","))}
        for label, argv in todo.items():  # warm the file and bytecode caches and check every command works
            run(argv)
            if other:
                run(other[label], args.against)
        print(f"{'command':<30} {'wall s':>7} {'baseline':>8} {'ratio':>6}   {'CPU s':>6} {'baseline':>8} {'ratio':>6}"
              + (f"   {'wall':>7} {'against':>8} {'ratio':>6}   {'CPU':>6} {'against':>8} {'ratio':>6}" if other else ""))
        for label, argv in todo.items():
            base, own, theirs = [], [], []
            for _ in range(args.runs):
                base.append(run(BASELINE))
                own.append(run(argv))
                if other:
                    theirs.append(run(other[label], args.against))
            print(f"{label:<30} {cells(own, base)}" + (f"   {cells(own, theirs)}" if other else ""))


if __name__ == "__main__":
    main()
