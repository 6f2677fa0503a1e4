"""Entropy rate of the synthetic order-2 Markov source, against hand derivations."""
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.train.gru.markov import entropy_rate, pair_transition_matrix, sample_chain, stationary_pairs


def copy_back_chain(p: float) -> np.ndarray:
    """Binary chain: x_t repeats x_{t-2} with probability p, i.e. P[a, b, c] = p if c == a else 1 - p."""
    P = np.empty((2, 2, 2))
    for a in range(2):
        P[a, :, a], P[a, :, 1 - a] = p, 1 - p
    return P


def test_copy_back_chain_has_uniform_pairs_and_binary_entropy_rate():
    # Into pair (b, c) come (0, b) and (1, b): one of them has a == c (prob p), the other 1 - p,
    # so every column of T sums to 1: T is doubly stochastic and pi is uniform, 1/4 per pair.
    # Every row then has entropy H_b(p) = -p ln p - (1-p) ln(1-p), so the rate is H_b(0.9).
    P = copy_back_chain(0.9)
    np.testing.assert_allclose(stationary_pairs(P), np.full((2, 2), 0.25), atol=1e-12)
    assert entropy_rate(P) == pytest.approx(-0.9 * math.log(0.9) - 0.1 * math.log(0.1), abs=1e-12)


def test_chain_that_ignores_the_older_symbol_reduces_to_a_two_state_chain():
    # P[a, b, c] = M[b, c] with M = [[1-al, al], [be, 1-be]]: the last symbol is a 2-state chain
    # with stationary (be, al) / (al + be) (balance: pi_0 al = pi_1 be), and the pair (a, b) has
    # probability pi_a M[a, b]. Rate = pi_0 H_b(al) + pi_1 H_b(be).
    al, be = 0.2, 0.5
    M = np.array([[1 - al, al], [be, 1 - be]])
    P = np.broadcast_to(M, (2, 2, 2)).copy()
    pi = np.array([be, al]) / (al + be)
    np.testing.assert_allclose(stationary_pairs(P), pi[:, None] * M, atol=1e-12)

    def h(q):
        return -q * math.log(q) - (1 - q) * math.log(1 - q)
    assert entropy_rate(P) == pytest.approx(pi[0] * h(al) + pi[1] * h(be), abs=1e-12)


def test_iid_source_has_the_entropy_of_its_distribution():
    q = np.array([0.5, 0.25, 0.25])
    P = np.broadcast_to(q, (3, 3, 3)).copy()
    # -(1/2 ln 1/2 + 2 * 1/4 ln 1/4) = 1.5 ln 2
    assert entropy_rate(P) == pytest.approx(1.5 * math.log(2), abs=1e-12)


def test_a_chain_with_two_absorbing_classes_is_refused():
    P = np.zeros((2, 2, 2))
    P[:, 0, 0] = P[:, 1, 1] = 1.0  # repeat the last symbol forever: 00... and 11... never meet
    with pytest.raises(ValueError, match="unique"):
        stationary_pairs(P)


def test_pair_transitions_are_stochastic_and_pi_is_stationary():
    P = np.random.default_rng(3).dirichlet(np.ones(3), size=(3, 3))
    T = pair_transition_matrix(P)
    np.testing.assert_allclose(T.sum(axis=1), 1.0)
    pi = stationary_pairs(P).ravel()
    np.testing.assert_allclose(pi @ T, pi, atol=1e-12)


def test_samples_have_the_stationary_pair_frequencies():
    P = copy_back_chain(0.8)
    x = sample_chain(P, 40_000, np.random.default_rng(0))
    pairs = np.bincount(x[:-1] * 2 + x[1:], minlength=4) / (len(x) - 1)
    np.testing.assert_allclose(pairs, 0.25, atol=0.015)
    repeats = np.mean(x[2:] == x[:-2])  # the fraction of copies estimates p
    assert repeats == pytest.approx(0.8, abs=0.015)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 99))
def test_copy_back_rate_matches_exact_sympy(percent):
    p = sp.Rational(percent, 100)
    exact = -(p * sp.log(p) + (1 - p) * sp.log(1 - p))
    assert entropy_rate(copy_back_chain(float(p))) == pytest.approx(float(exact), abs=1e-10)
