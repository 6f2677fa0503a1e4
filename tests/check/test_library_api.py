"""The library side: run_check's report, the printed-value detector, and parallel runs matching serial ones."""
import json

import numpy as np

from qbank.check import run_check
from qbank.check.degeneracy import as_printed, rounded_params, shown_tokens
from qbank.engine.generate import generate
from qbank.engine.loader import load_directory
from qbank.engine.template import REGISTRY


def test_as_printed_by_hand():
    tokens = shown_tokens({("question", "text"): "Let x = -0.37 and w = [1.25, 0.5], eps = 1e-08, n = 0."})
    assert tokens == {"0.37", "1.25", "0.5", "1", "08", "0"}
    assert as_printed(-0.3712, tokens) == -0.37  # printed with 2 decimals, sign kept
    assert np.array_equal(as_printed(np.array([1.25, 0.5]), tokens), [1.25, 0.5])  # printed exactly
    assert as_printed(0.123, tokens) is None  # not in the text
    assert as_printed(1e-8, tokens) is None  # "0" alone is not taken as its printed form
    assert rounded_params({"x": -0.3712, "w": np.array([1.25, 0.5]), "n": 0}, tokens) == {"x": -0.37}


def test_run_check_report(plant):
    directory = plant('''
        @template("api/add", topic="demo", question=r"$\\VAR{a} + 1$", crosscheck=lambda p, a: None)
        def add(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"total": a + 1}

        @template("api/broken", topic="demo", question=r"$\\VAR{a} + 1$", crosscheck=lambda p, a: None)
        def broken(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"total": float("nan")}
        ''')
    load_directory(directory)
    report = run_check([REGISTRY["api/add"], REGISTRY["api/broken"]], draws=40)
    assert not report.ok and [t.id for t in report.failed] == ["api/broken"]
    good, bad = report.templates
    # a is one of 9 integers; the engine's own draws for seeds 0..39 say how many of them occur.
    drawn = {generate(REGISTRY["api/add"], seed).params["a"] for seed in range(40)}
    assert drawn == set(range(1, 10))
    assert (good.draws, good.variants, good.findings) == (40, len(drawn), [])
    assert [f.kind for f in bad.failures] == ["non-finite"] and bad.failures[0].seeds == list(range(40))


def test_parallel_matches_serial(plant, check):
    directory = plant('''
        @template("jobs/one", topic="demo", question=r"$\\VAR{a}$", crosscheck=lambda p, a: None)
        def one(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"b": a / (a - 5) if a != 5 else float("inf")}

        @template("jobs/two", topic="demo", question=r"$\\VAR{a}$")
        def two(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"b": a + 1}
        ''')

    def findings(*args):
        report = json.loads(check(directory, "--json", *args).output)
        return [(t["id"], t["draws"], t["variants"], t["findings"]) for t in report["templates"]]

    assert findings("--jobs", "1") == findings("--jobs", "2")
