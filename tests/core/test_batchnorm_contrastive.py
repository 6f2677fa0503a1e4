"""qbank.core's batch-norm backward and running statistics, and the contrastive losses: published numbers, hand
cases, exact arithmetic."""
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from qbank.core.batchnorm import batch_norm_backward, batch_norm_eval, running_statistics, update_running
from qbank.core.contrastive import cosine_similarity_matrix, info_nce, nt_xent, nt_xent_per_anchor
from qbank.questions.norm_batchnorm import DEVIATIONS

SETTINGS = settings(max_examples=30, deadline=None)


def test_deviation_patterns_are_every_clean_batch():
    # Every 4-tuple in -10..10 summing to 0 with a perfect-square mean square, and not +-s twice, plus two +-s ones.
    found = {tuple(sorted(d)) for d in itertools.product(range(-10, 11), repeat=4)
             if sum(d) == 0 and len({abs(v) for v in d}) > 1 and math.isqrt(sum(v * v for v in d) // 4) ** 2 * 4
             == sum(v * v for v in d)}
    assert found == {d for d in DEVIATIONS if len({abs(v) for v in d}) > 1}
    assert all(sum(d) == 0 and math.isqrt(sum(v * v for v in d) // 4) ** 2 * 4 == sum(v * v for v in d)
               for d in DEVIATIONS)


def test_backward_by_hand():
    # x = (1, 3, 3, 5): mu 3, var 2, x_hat = (-2, 0, 0, 2)/sqrt 2 = (-sqrt 2, 0, 0, sqrt 2); gamma 2, dy = (1, 0, 0, 0):
    # dbeta 1, dgamma -sqrt 2, mean(dy x_hat) = -sqrt 2 / 4; dx = sqrt 2 (dy - 1/4 - x_hat (-sqrt 2 / 4)), so
    # dx_1 = sqrt 2 (3/4 - 1/2) = sqrt 2 / 4, dx_2 = dx_3 = -sqrt 2 / 4, dx_4 = sqrt 2 (-1/4 + 1/2) = sqrt 2 / 4.
    x, dy = np.array([[1.0], [3.0], [3.0], [5.0]]), np.array([[1.0], [0.0], [0.0], [0.0]])
    dx, dgamma, dbeta = batch_norm_backward(x, np.array([2.0]), dy, eps=0.0)
    np.testing.assert_allclose(dx[:, 0], np.array([1, -1, -1, 1]) * math.sqrt(2) / 4)
    assert dgamma[0] == pytest.approx(-math.sqrt(2)) and dbeta[0] == 1.0
    assert dx.sum() == pytest.approx(0.0, abs=1e-12)


@SETTINGS
@given(st.lists(st.integers(-5, 5), min_size=3, max_size=3), st.lists(st.integers(-3, 3), min_size=3, max_size=3),
       st.sampled_from([0.5, 2.0]))
def test_backward_is_the_symbolic_derivative(x, dy, gamma):
    xs = sympy.symbols("x1:4")
    mu = sum(xs) / 3
    var = sum((v - mu) ** 2 for v in xs) / 3
    eps = sympy.Rational(1, 10)
    loss = sum(d * gamma * (v - mu) / sympy.sqrt(var + eps) for d, v in zip(dy, xs))
    point = dict(zip(xs, x))
    expected = [float(sympy.diff(loss, v).subs(point)) for v in xs]
    dx, _, _ = batch_norm_backward(np.array(x, dtype=float).reshape(3, 1), np.array([gamma]),
                                   np.array(dy, dtype=float).reshape(3, 1), eps=0.1)
    np.testing.assert_allclose(dx[:, 0], expected, atol=1e-10)


def test_running_statistics_with_published_defaults():
    # PyTorch docs (BatchNorm1d): momentum 0.1, running_mean starts at 0 and running_var at 1, the batch variance fed
    # in unbiased. Keras docs (BatchNormalization): momentum 0.99, moving = moving * momentum + batch * (1 - momentum).
    # Batch (1, 3, 3, 5): mean 3, biased variance 2, unbiased 8/3 (Ioffe & Szegedy's m/(m - 1) factor).
    x = np.array([[1.0], [3.0], [3.0], [5.0]])
    mean, var = running_statistics(x, [0.0], [1.0], 0.1, "torch", unbiased=True)
    assert mean[0] == pytest.approx(0.3) and var[0] == pytest.approx(0.9 + 0.1 * 8 / 3)
    mean, var = running_statistics(x, [0.0], [1.0], 0.99, "keras", unbiased=False)
    assert mean[0] == pytest.approx(0.03) and var[0] == pytest.approx(0.99 + 0.01 * 2)
    assert update_running(1.0, 3.0, 0.25, "torch") == pytest.approx(update_running(1.0, 3.0, 0.75, "keras"))
    np.testing.assert_allclose(batch_norm_eval(x, [3.0], [4.0], [2.0], [1.0], eps=0.0)[:, 0], [-1, 1, 1, 3])
    with pytest.raises(ValueError, match="convention"):
        update_running(0.0, 1.0, 0.1, "tf")
    with pytest.raises(ValueError, match="at least 2"):
        running_statistics(np.array([[1.0]]), [0.0], [1.0], 0.1)


def test_uniform_similarities_give_log_of_the_candidates():
    # van den Oord et al. 2018, §2.3: with an uninformative critic the InfoNCE loss is log N (N candidates), the
    # bound I >= log N - L then being 0. In SimCLR (Chen et al. 2020) a batch of N = 4096 images has 2N - 1 = 8191
    # candidates per anchor: equal similarities give ln 8191 = 9.0108 at any temperature.
    assert info_nce([0.3] * 16, 5, 0.1) == pytest.approx(math.log(16))
    assert nt_xent(np.full((8, 8), 0.2), 0.5) == pytest.approx(math.log(7))
    assert info_nce([0.4] * 8191, 0, 0.5) == pytest.approx(9.0108, abs=1e-4)


@SETTINGS
@given(st.lists(st.integers(-9, 9), min_size=6, max_size=6), st.sampled_from(["1/10", "1/2", "1"]))
def test_nt_xent_against_exact_arithmetic(tenths, tau):
    # A symmetric 4 x 4 similarity matrix of tenths; every anchor's loss from SimCLR's eq. 1 in sympy.
    s = [[sympy.Integer(1)] * 4 for _ in range(4)]
    for (i, j), v in zip(itertools.combinations(range(4), 2), tenths):
        s[i][j] = s[j][i] = sympy.Rational(v, 10)
    t = sympy.Rational(tau)
    exact = [-sympy.log(sympy.exp(s[i][(i + 2) % 4] / t) / sum(sympy.exp(s[i][k] / t) for k in range(4) if k != i))
             for i in range(4)]
    got = nt_xent_per_anchor(np.array(s, dtype=float), float(Fraction(tau)))
    np.testing.assert_allclose(got, [float(e) for e in exact], atol=1e-10)


def test_cosine_similarity_and_bad_input():
    np.testing.assert_allclose(cosine_similarity_matrix([[3, 4], [4, 3], [0, 2]]), [[1, 0.96, 0.8], [0.96, 1, 0.6],
                                                                                   [0.8, 0.6, 1]])
    with pytest.raises(ValueError, match="temperature"):
        info_nce([1.0, 2.0], 0, 0.0)
    with pytest.raises(ValueError, match="square"):
        nt_xent(np.ones((3, 3)), 1.0)
