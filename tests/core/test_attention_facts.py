"""qbank.core.attention_facts: exact weights, scaled heads, softmax invariances, the verbalizer rule."""
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.core import attention as att
from qbank.core import attention_facts as facts
from qbank.questions import attention_exact as ex

SETTINGS = settings(max_examples=50, deadline=None)


@SETTINGS
@given(st.data(), st.integers(1, 3), st.integers(1, 3), st.integers(1, 2))
def test_rational_attention_equals_sympy_with_logs(data, Tq, Tk, dv):
    M = np.array(data.draw(st.lists(st.integers(1, 6), min_size=Tq * Tk, max_size=Tq * Tk))).reshape(Tq, Tk)
    V = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=Tk * dv, max_size=Tk * dv))).reshape(Tk, dv)
    perm = data.draw(st.permutations(range(Tk)))
    K = sympy.Matrix(np.eye(Tk, dtype=int)[perm])  # orthogonal, so Q K^T / sqrt(d_k) = ln M
    Q = sympy.sqrt(Tk) * sympy.Matrix(M.tolist()).applyfunc(sympy.log) * K
    out, weights, _ = ex.sdpa(Q, K, V)  # sympy folds exp(ln m) = m: the entries come out rational
    exact_out, exact_weights = facts.rational_attention(M, V)
    assert weights.applyfunc(sympy.nsimplify) == ex.exact(exact_weights)
    assert out.applyfunc(sympy.nsimplify) == ex.exact(exact_out)


def test_rational_attention_rejects_bad_input():
    with pytest.raises(ValueError, match="positive"):
        facts.rational_attention([[1, 0]], [[1], [2]])
    with pytest.raises(ValueError, match=r"M \(1, 2\), V \(3, 1\)"):
        facts.rational_attention([[1, 2]], [[1], [2], [3]])


@pytest.mark.parametrize("scales, expected", [
    ((2, 1, Fraction(1, 2)), (False, False)),  # seed 001 MCQ 4: scores doubled, so P and then Z change
    ((2, Fraction(1, 2), 1), (True, True)),  # the factors cancel in Q K^T
    ((3, Fraction(1, 3), 2), (True, False)),  # same P, Z doubled
    ((-1, -1, 1), (True, True)),
    ((-1, 1, 1), (False, False)),  # negated scores reverse the preferences
])
def test_head_scaling_by_hand(scales, expected):
    assert facts.head_scaling_effect(*scales) == expected


@SETTINGS
@given(st.sampled_from([Fraction(1, 3), Fraction(1, 2), 1, 2, 3, -1]), st.sampled_from([Fraction(1, 3), Fraction(1, 2), 1, 2, 3, -1]),
       st.sampled_from([Fraction(1, 2), 1, 2, -1]))
def test_head_scaling_agrees_with_a_random_head(q_scale, k_scale, v_scale):
    rng = np.random.default_rng(0)
    X, W_q, W_k, W_v = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    Z1, P1 = att.self_attention(X, W_q, W_k, W_v)
    Z2, P2 = att.self_attention(X, float(q_scale) * W_q, float(k_scale) * W_k, float(v_scale) * W_v)
    assert facts.head_scaling_effect(q_scale, k_scale, v_scale) == (np.allclose(P1, P2), np.allclose(Z1, Z2))


coef = st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-1, 1))


@SETTINGS
@given(coef, coef)
def test_softmax_constancy_matches_symbolic_derivatives(v_coef, ones_coef):
    s, t = sympy.symbols("s t")
    v = sympy.symbols("v0:3")
    a = v_coef[0] * s + v_coef[1] * t + v_coef[2]
    b = ones_coef[0] * s + ones_coef[1] * t + ones_coef[2]
    g = ex.softmax_row([a * vi + b for vi in v])
    # Symbolic derivatives, evaluated exactly at a generic point (v not a multiple of 1_K).
    point = {v[0]: sympy.Rational(1, 3), v[1]: sympy.Rational(-5, 7), v[2]: 2, s: sympy.Rational(2, 5), t: -1}
    constant = tuple(all(abs(sympy.diff(gi, var).subs(point).evalf(30)) < 1e-20 for gi in g) for var in (s, t))
    assert facts.softmax_affine_constancy(v_coef, ones_coef) == constant


def test_softmax_constancy_of_the_seed():
    # Seed 001 MCQ 1: g(s, t) = softmax(v s + 1 t) is constant in t (a shift) but not in s (a temperature).
    assert facts.softmax_affine_constancy((1, 0, 0), (0, 1, 0)) == (False, True)


def test_verbalizer_by_hand():
    # w_good . h = 1*0 + (-1)*5 = -5 < w_bad . h = 5, so the prediction is -1 (seed 001 problem 2.1).
    assert facts.verbalizer_prediction([0, 5], [1, -1], [-1, 1]) == (-5.0, 5.0, -1)
    assert facts.verbalizer_prediction([1, 1], [1, 0], [0, 1])[2] == 1  # a tie predicts +1 (>=)
    with pytest.raises(ValueError, match="one length"):
        facts.verbalizer_prediction([1, 1], [1, 0, 0], [0, 1])
