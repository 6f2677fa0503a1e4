"""Benchmark: how long each qbank command takes from a cold `python -m qbank`, against importing its dependencies.

    python benchmarks/startup.py [--runs 5]

For `--help`, `list`, `show`, `solve`, `exam --no-pdf` (3 versions), `check --id` (10 draws)
and, for scale, `exam --no-pdf` of 100 versions and the Moodle export of 100 versions, it runs
the command and the baseline `python -c "import numpy, jinja2, click, yaml"` as alternated
pairs (so a busy moment slows both), and prints the median wall and CPU time of each and their ratios (CPU is the steadier
figure on a busy machine).
Goal (issue 16): `--help`, `list`, `show` and `solve` within 1.5x of the baseline; 100 versions
without PDFs and the Moodle export of 100 versions in half the time they took before it.
Median CPU of 5 alternated runs on a loaded 2-core machine, before issue 16 (3346bb9) ->
before the draw speed-ups -> after them: exam --no-pdf of 100 versions 3.94 -> 3.78 -> 2.92 s,
Moodle export of 100 versions 4.08 -> 3.86 -> 2.74 s (-26% and -33%: not yet half).
"""
import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import numpy, jinja2, click, yaml"]
DEMO = str(ROOT / "banks" / "demo-final.yaml")


def commands(out: Path) -> dict[str, list[str]]:
    qbank = [sys.executable, "-m", "qbank"]
    return {
        "--help": qbank + ["--help"],
        "list": qbank + ["list"],
        "show conv/layer-cost": qbank + ["show", "conv/layer-cost", "--seed", "1"],
        "solve conv/layer-cost": qbank + ["solve", "conv/layer-cost", "--seed", "1"],
        "exam --no-pdf, 3 versions": qbank + ["exam", DEMO, "--versions", "3", "--no-pdf",
                                              "--out", str(out / "exam3")],
        "check --id, 10 draws": qbank + ["check", "--id", "conv/layer-cost", "--draws", "10", "--jobs", "1"],
        "exam --no-pdf, 100 versions": qbank + ["exam", DEMO, "--versions", "100", "--no-pdf",
                                                "--out", str(out / "exam100")],
        "export moodle, 100 versions": qbank + ["export", DEMO, "--format", "moodle", "--versions", "100",
                                                "--out", str(out / "moodle")],
    }


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU barely depends on how busy the machine is."""
    start, cpu = time.perf_counter(), cpu_children()
    subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_children() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="alternated pairs per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        todo = commands(Path(tmp))
        for argv in todo.values():  # warm the file cache and check every command works
            run(argv)
        print(f"{'command':<30} {'wall s':>7} {'baseline':>8} {'ratio':>6}   {'CPU s':>6} {'baseline':>8} {'ratio':>6}")
        for label, argv in todo.items():
            pairs = [(run(BASELINE), run(argv)) for _ in range(args.runs)]
            cells = []
            for i in (0, 1):  # wall, then CPU
                base = statistics.median(b[i] for b, _ in pairs)
                own = statistics.median(c[i] for _, c in pairs)
                cells.append(f"{own:>7.3f} {base:>8.3f} {own / base:>6.2f}")
            print(f"{label:<30} {cells[0]}   {cells[1]}")


if __name__ == "__main__":
    main()
