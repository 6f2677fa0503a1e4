"""attention/permutation's backward draw: W_k, P and W_v fitted to what was drawn before them make nearly every raw
draw pass the constraints (which generate still checks), the draws stay varied, and pins still reach the question."""
import numpy as np
import pytest

from qbank.engine.generate import _normalized, generate
from qbank.engine.template import get
from qbank.exam.fingerprint import fingerprint
from qbank.questions.attention_self import _encoding, _value_weights

TPL = get("attention/permutation")
PARAMS_ONLY = ("the values of (a), (c) and (d) have distinct rows",
               "the weights of (a), (c) and (d) are readable, no row uniform")


def _failed(params, answers):
    answers = _normalized(TPL, answers)
    return {name for name, holds in TPL.constraints.items() if not holds(params, answers)}


def test_raw_draws_pass_the_constraints():
    # 20000 raw draws when built: 95% passed every constraint and none failed one that reads only the parameters
    # (drawn independently, 17% passed). 300 draws keep this fast; a broken construction falls far below 85%.
    rng = np.random.default_rng(2024)
    failures = [_failed(*TPL.fn(rng)[:2]) for _ in range(300)]
    assert sum(not f for f in failures) >= 0.85 * len(failures)
    assert not set().union(*failures) & set(PARAMS_ONLY)


def test_draws_stay_varied():
    # An exam draws 100+ versions that must all differ: every seed its own parameters, both lengths, every sign
    # pattern of W_q, every nonzero W_k and many encodings.
    params = [generate(TPL, seed).params for seed in range(300)]
    assert len({fingerprint(p) for p in params}) == len(params)
    assert {len(p["X"]) for p in params} == {2, 3}
    assert len({tuple(p["W_q"].ravel()) for p in params}) == 4
    assert len({tuple(p["W_k"].ravel()) for p in params}) == 8
    assert len({fingerprint(p["P"]) for p in params}) >= 100
    assert len({tuple(p["W_v"].ravel()) for p in params}) >= 60


def test_the_encoding_keeps_the_permutation_visible():
    # X = [[1, 0], [0, 1]], perm swaps them, W_q = [1, 1]: every P the draw picks moves under the permutation
    # (P[perm] != P), keeps the rows of X + P and X' + P apart, their queries nonzero and their keys unequal;
    # W_v then gives each input distinct values.
    X, perm, W_q, W_k = np.array([[1, 0], [0, 1]]), np.array([1, 0]), np.array([[1], [1]]), np.array([[1], [-1]])
    rng = np.random.default_rng(0)
    for _ in range(50):
        P = _encoding(rng, X, perm, W_q, W_k)
        assert not np.array_equal(P, P[perm])
        for inputs in (X + P, X[perm] + P):
            assert not np.array_equal(inputs[0], inputs[1]) and np.all(inputs @ W_q != 0)
            keys = inputs @ W_k
            assert keys.max() > keys.min()
        V = [x @ _value_weights(rng, (X, X + P, X[perm] + P)) for x in (X, X + P, X[perm] + P)]
        assert all(v[0, 0] != v[1, 0] for v in V)


@pytest.mark.parametrize("names", [("X",), ("W_q",), ("W_k",), ("W_v",), ("perm",), ("X", "P")])
def test_pins_reach_the_question(names):
    # Seed 0 draws three tokens and seed 1 two: seed 0's values pinned into seed 1 are the ones its question shows
    # (X and perm set the number of tokens, the other draws fit them). P has one row per token, so it comes with X.
    donor = generate(TPL, 0).params
    assert (len(donor["X"]), len(generate(TPL, 1).params["X"])) == (3, 2)
    params = generate(TPL, 1, pins={name: donor[name] for name in names}).params
    for name in names:
        np.testing.assert_array_equal(params[name], donor[name])
