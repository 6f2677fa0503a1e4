"""Draws per second per template on one core: generation + crosscheck, rendering, and the whole `qbank check`.

    python3 benchmarks/check_speed.py [--draws 400] [--templates DIR] [--id ID ...]

Target: at least 2,000 draws/s on the generation + crosscheck path for a
typical template. "check" is every per-draw check of `qbank check` (two
generations, crosscheck, key round trip, four renders twice, degeneracy), and
its total is what CI pays for the built-ins at 200 draws (on one core).

Issue 16's draw speed-ups, --draws 200, loaded machine, gen+xcheck/s before -> after:
relu-pool-translation 57 -> 94, permutation 51 -> 54, elu-gradient 59 -> 84, layer-cost
4,780 -> 5,650, a concept item 30,500 -> 42,800; `qbank check` of these six 18.3 -> 13.6 s.
Then relu-pool-translation's draw built backwards (16 candidate images through the core as one batch):
generate() alone 2.8 -> 0.8 ms, gen+xcheck/s 139 -> 147 (its exact sympy crosscheck, 3-4 ms, now
dominates), check/s 73 -> 96 (medians of three alternated runs, --draws 200).
Then attention/permutation's draw built backwards (a generate 3.8 -> 0.7 ms, 17% -> 96% of raw draws passing):
gen+xcheck/s 52 -> 78, check/s 40 -> 60 (medians of 4 alternated runs); its sympy cross-check, about 12 ms
a draw, is now most of both.
"""
import argparse
import time

from qbank.check import Settings, check_template
from qbank.engine.generate import generate
from qbank.engine.loader import load_directory
from qbank.engine.render import check_renders
from qbank.engine.template import all_templates, get
from qbank.errors import InputError


def rate(draws: int, seconds: float) -> float:
    """Draws per second (infinite when too fast to measure)."""
    return draws / seconds if seconds > 0 else float("inf")


def measure(tpl, draws: int) -> tuple[float, float, float]:
    """(generation + crosscheck, rendering, whole check) in draws per second, CPU time of this process."""
    start = time.process_time()
    instances = []
    for seed in range(draws):
        instance = generate(tpl, seed)
        if tpl.crosscheck is not None:
            tpl.crosscheck(instance.params, instance.answers)
        instances.append(instance)
    generated = time.process_time()
    for instance in instances:
        check_renders(instance)
    rendered = time.process_time()
    check_template(tpl, Settings(draws=draws, budget=None))
    checked = time.process_time()
    return rate(draws, generated - start), rate(draws, rendered - generated), rate(draws, checked - rendered)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=400)
    parser.add_argument("--templates", help="also an instructor's directory of templates")
    parser.add_argument("--id", dest="ids", action="append", help="only this template (repeatable)")
    args = parser.parse_args()
    try:
        if args.templates:
            load_directory(args.templates)
        templates = [get(i) for i in args.ids] if args.ids else all_templates()
    except InputError as exc:
        parser.error(str(exc))
    width = max((len(t.id) for t in templates), default=8)
    print(f"{'template':<{width}}  {'gen+xcheck/s':>12}  {'render/s':>9}  {'check/s':>8}")
    ci_seconds = 0.0
    for tpl in templates:
        try:
            gen, render, check = measure(tpl, args.draws)
        except Exception as exc:  # a broken template: `qbank check` says why; here it is only skipped
            print(f"{tpl.id:<{width}}  skipped: {type(exc).__name__}: {str(exc)[:60]}")
            continue
        ci_seconds += 200 / check
        print(f"{tpl.id:<{width}}  {gen:>12.0f}  {render:>9.0f}  {check:>8.0f}")
    print(f"\n{len(templates)} templates; `qbank check` at 200 draws each: about {ci_seconds:.1f} s of one core")


if __name__ == "__main__":
    main()
