"""Distractors stand apart from the key and from each other; positions of the key even out."""
from collections import Counter

import numpy as np
import pytest

from qbank.distractors import as_choice
from qbank.distractors.pick import MIN_GAP, choose, distinct, relative_gap
from qbank.engine.answers import Integer, Real, Shape, Vector
from qbank.engine.generate import generate
from qbank.engine.seeds import rng_for
from qbank.engine.template import get


def test_relative_gap_by_hand():
    assert relative_gap(100, 95) == pytest.approx(0.05)  # |100 - 95| / 100
    assert relative_gap([1, 2], [1, 4]) == pytest.approx(0.5)  # max |diff| 2 over max |entry| 4
    assert relative_gap([1, 2], [1, 2, 3]) == float("inf")
    assert relative_gap(0, 0) == 0


def test_distinct_needs_a_different_shown_text():
    spec = Real(digits=2, rel_tol=0)
    assert not distinct(1.001, [1.0], spec)  # 0.1% apart and both print as 1
    assert not distinct(1.04, [1.0], spec)  # 4% < MIN_GAP
    assert distinct(1.1, [1.0], spec)


@pytest.mark.parametrize("spec, key", [(Integer(), 34944), (Integer(), 1), (Integer(), 0), (Real(digits=3), 0.125), (Real(digits=4), 0.1),
                                       (Real(digits=4), -2.5), (Shape(), (8, 30, 30)),
                                       (Vector(digits=2), np.array([0.5, -1.25]))])
def test_near_misses_are_distinct_over_many_seeds(spec, key):
    key = spec.normalize(key)
    for seed in range(60):
        wrong = [v for _, v in choose(key, spec, [("same as key", key)], rng_for(seed), 3)]
        values = [key] + wrong
        for i, a in enumerate(values):
            for b in values[i + 1:]:
                assert relative_gap(a, b) >= MIN_GAP and spec.text(a) != spec.text(b), (seed, values)
        if spec.kind in ("integer", "shape") and np.all(np.asarray(key) >= 0):
            assert all(np.all(np.asarray(v) >= 0) for v in wrong)
        nonzero = np.asarray(key, dtype=float) != 0  # a nonzero key never gets a 0 or a sign flip beside it
        assert all(np.all(np.sign(np.asarray(v, dtype=float)[nonzero]) == np.sign(np.asarray(key, dtype=float)[nonzero]))
                   for v in wrong), (seed, values)


def test_modelled_mistakes_come_first_and_coincident_ones_are_dropped():
    spec = Real(digits=1)
    mistaken = [("equals the key", 100.0), ("fine", 200.0), ("too close", 198.0), ("not applicable", None)]
    chosen = choose(100.0, spec, mistaken, rng_for(0), 3)
    assert chosen[0] == ("fine", 200.0)
    assert all(label is None for label, _ in chosen[1:])  # 198 is within 5% of 200


def test_a_whole_number_slip_only_has_to_differ():
    # 216 is 3.6% below 224 (the forgotten bias of 8 filters): kept, while a near-miss that close would not be
    chosen = choose(224, Integer(), [("forgot the bias", 216), ("equals the key", 224)], rng_for(0), 3)
    assert chosen[0] == ("forgot the bias", 216)
    assert all(abs(v - 224) / 224 >= 0.05 for _, v in chosen[1:])


def test_as_choice_distractors_and_key_over_many_seeds():
    tpl = get("conv/layer-cost")
    positions = Counter()
    for seed in range(200):
        inst = as_choice(generate(tpl, seed), rng_for(seed + 1000), part="param_count")
        key = inst.work["param_count"]
        options = inst.params["choice_options"]
        assert options[inst.answers["answer"]].replace("{,}", "") == f"${key}$"  # 34{,}944 is how LaTeX shows 34944
        assert len(set(options)) == 4
        positions[inst.answers["answer"]] += 1
    # uniform positions: each of 4 expected 50 times of 200; a binomial sd is about 6.1
    assert set(positions) == {0, 1, 2, 3} and all(25 <= n <= 75 for n in positions.values()), positions
