"""Soundness of one draw: it generates in time, from its own Generator only, reproducibly, and renders.

Each draw is generated twice from the same seed with the global random
generators seeded differently in between (R/exams' stresstest_exercise and
PrairieLearn's "test 100 times" only run a question; comparing two runs under a
perturbed global state is what exposes np.random.* and any other hidden input).
"""
from __future__ import annotations

import json
import traceback
from dataclasses import dataclass
from pathlib import Path

from qbank.check.findings import FAILURE, WARNING, Collector
from qbank.check.globalstate import seed_globals, used_since
from qbank.check.timebound import StepTimeout, time_bound
from qbank.check.values import check_values
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.numbers import jsonable
from qbank.engine.render import render_prompt, render_text
from qbank.errors import InputError

GLOBAL_SEEDS = (20240601, 7)  # two unrelated global states for the two runs of each draw
# Rendering is a function of the draw (equal fingerprints), except through global state, which every
# render is watched for; so the second run is rendered and compared only for the first seeds.
RERENDER_SEEDS = 10
CROSSCHECK_FACTOR = 10  # an exact crosscheck may be slower than generation: interrupted at 10x the limit


@dataclass
class Draw:
    """One draw that generated: the instance, its rendered texts and what it cost."""

    instance: object
    texts: dict  # (which, mode) -> rendered text; empty when rendering failed
    gen_s: float  # generation + crosscheck
    render_s: float


def is_builtin(tpl) -> bool:
    """Shipped with qbank (questions, concept bank) rather than loaded from an instructor's directory."""
    return tpl.fn.__module__.startswith("qbank.")


def fingerprint(instance) -> str:
    """Everything a draw decides, as canonical JSON: equal fingerprints mean identical draws."""
    return json.dumps(jsonable({"params": instance.params, "answers": instance.answers, "work": instance.work}),
                      sort_keys=True, default=str)


def check_draw(tpl, seed: int, out: Collector, limit: float) -> Draw | None:
    """Run every per-draw check of `tpl` at `seed`, recording problems in `out`; None if it did not generate."""
    first = _generate(tpl, seed, out, limit, GLOBAL_SEEDS[0])
    if first is None:
        return None
    instance, gen_s = first
    print_before = fingerprint(instance)
    check_values(tpl, instance, out, seed)
    gen_s += _crosscheck(tpl, instance, out, seed, limit)
    texts, render_s = render_all(instance, out, seed, limit, GLOBAL_SEEDS[0])
    second = _generate(tpl, seed, out, limit, GLOBAL_SEEDS[1])
    if second is not None and not out.count("global-random"):
        if fingerprint(second[0]) != print_before:
            out.add("nondeterministic", f"seed {seed} gave two different draws: "
                                        f"{_first_difference(instance, second[0])}", seed)
        elif seed < RERENDER_SEEDS and texts and render_all(second[0], out, seed, limit,
                                                            GLOBAL_SEEDS[1])[0] != texts:
            out.add("nondeterministic", f"seed {seed} rendered two different texts from the same draw", seed)
    return Draw(instance, texts, gen_s, render_s)


def _generate(tpl, seed, out, limit, global_seed):
    seed_globals(global_seed)
    try:
        with time_bound(limit) as timing:
            instance = generate(tpl, seed)
    except StepTimeout as exc:
        out.add("timeout", f"generation {exc} (limit {limit:g} s per draw)", seed)
        return None
    except ConstraintError as exc:
        out.add("constraint", str(exc), seed)
        return None
    except Exception as exc:  # a template's own code: any exception is a failed draw, reported with its seed
        out.add("generate", f"{type(exc).__name__}: {exc}", seed)
        return None
    used = used_since(global_seed)
    if used:
        out.add("global-random", f"the template uses global random state ({', '.join(used)}); "
                                 "draw only with the rng argument", seed)
    if timing["s"] > limit:
        out.add("slow", f"generation took {timing['s']:.2f} s (limit {limit:g} s per draw)", seed)
    return instance, timing["s"]


def _crosscheck(tpl, instance, out, seed, limit) -> float:
    if tpl.crosscheck is None:
        if tpl.kind == "numeric":
            out.add("no-crosscheck", "numeric template without an independent crosscheck(params, answers)",
                    severity=FAILURE if is_builtin(tpl) else WARNING)
        return 0.0
    try:
        with time_bound(CROSSCHECK_FACTOR * limit) as timing:
            tpl.crosscheck(instance.params, instance.answers)
    except StepTimeout as exc:
        out.add("timeout", f"crosscheck {exc} (limit {CROSSCHECK_FACTOR * limit:g} s per draw)", seed)
    except AssertionError as exc:
        out.add("crosscheck", f"the crosscheck disagrees with the answers: {failed_assertion(exc)}", seed)
    except Exception as exc:  # a crosscheck that crashes proves nothing: report it as a failed crosscheck
        out.add("crosscheck", f"the crosscheck raised {type(exc).__name__}: {exc}", seed)
    if limit < timing["s"] <= CROSSCHECK_FACTOR * limit:
        out.add("slow-crosscheck", f"the crosscheck took {timing['s']:.1f} s (generation's limit: {limit:g} s)",
                seed, WARNING)
    return timing["s"]


def failed_assertion(exc: AssertionError) -> str:
    """The assertion's message, and where it failed (file:line and the assert's source): a bare `assert` has no
    message, and a message alone does not say which comparison failed."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    site = f"{Path(frame.filename).name}:{frame.lineno}" + (f": {frame.line}" if frame.line else "")
    return f"{exc} (at {site})" if str(exc) else f"assertion failed at {site}"


def render_all(instance, out, seed, limit, global_seed) -> tuple[dict, float]:
    """Question, solution and part prompts in both modes with StrictUndefined; ({}, s) when one fails.

    jinja2's `random` filter draws from Python's global `random`, so rendering is
    watched for global random state just like generation.
    """
    texts = {}
    seed_globals(global_seed)
    try:
        with time_bound(limit) as timing:
            for mode in ("latex", "text"):
                for which in ("question", "solution"):
                    texts[which, mode] = render_text(instance, which, mode)
                texts["prompts", mode] = "\n".join(render_prompt(instance, part, mode) for part in instance.parts)
    except (InputError, StepTimeout) as exc:
        out.add("render", str(exc), seed)
        texts = {}
    except Exception as exc:  # a filter fed a value it cannot format
        out.add("render", f"{type(exc).__name__}: {exc}", seed)
        texts = {}
    used = used_since(global_seed)
    if used:
        out.add("global-random", f"the question text uses global random state ({', '.join(used)}), "
                                 "e.g. jinja2's random filter; shuffle in the template with rng", seed)
    return texts, timing["s"]


def _first_difference(a, b) -> str:
    for group in ("params", "answers", "work"):
        left, right = getattr(a, group), getattr(b, group)
        for name in sorted(set(left) | set(right)):
            one, two = jsonable(left.get(name)), jsonable(right.get(name))
            if json.dumps(one, default=str) != json.dumps(two, default=str):
                return f"{group} {name!r} was {_short(one)}, then {_short(two)}"
    return "the rendered text differs"


def _short(value) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
