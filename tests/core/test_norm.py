"""qbank.core.norm: the seed 004 q4 batch by hand, exact sympy statistics, PyTorch's layers as oracle."""
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qbank.core.norm import (batch_norm, batch_norm_stats, group_norm, group_norm_stats, instance_norm,
                             instance_norm_stats, layer_norm, layer_norm_stats)

# Seed 004 q4: two samples, two channels, 2x2 maps; x[n, c] is one map.
SEED_X = np.array([[[[1, 2], [3, 4]], [[5, 6], [7, 8]]],
                   [[[1, -1], [0, 2]], [[-1, 0], [2, 1]]]])  # (2, 2, 2, 2)


def test_seed_batch_stats_by_hand():
    # channel 0: (1+2+3+4 + 1-1+0+2)/8 = 12/8 = 1.5; sum of squares 36, so var = 36/8 - 1.5^2 = 2.25
    # channel 1: (5+6+7+8 - 1+0+2+1)/8 = 28/8 = 3.5; sum of squares 180, so var = 180/8 - 3.5^2 = 10.25
    mean, var = batch_norm_stats(SEED_X)
    np.testing.assert_allclose(mean, [1.5, 3.5])
    np.testing.assert_allclose(var, [2.25, 10.25])


def test_seed_layer_stats_by_hand():
    # sample 0: (1+...+8)/8 = 36/8 = 4.5; squares 204, var = 204/8 - 4.5^2 = 5.25
    # sample 1: (1-1+0+2 - 1+0+2+1)/8 = 4/8 = 0.5; squares 12, var = 12/8 - 0.5^2 = 1.25
    mean, var = layer_norm_stats(SEED_X)
    np.testing.assert_allclose(mean, [4.5, 0.5])
    np.testing.assert_allclose(var, [5.25, 1.25])


def test_seed_instance_stats_by_hand():
    # (1+2+3+4)/4 = 2.5, (5+6+7+8)/4 = 6.5, (1-1+0+2)/4 = 0.5, (-1+0+2+1)/4 = 0.5: an (N, C) matrix.
    # Every map is a shuffle of {m-1.5, m-0.5, m+0.5, m+1.5}: var = (2*2.25 + 2*0.25)/4 = 1.25.
    mean, var = instance_norm_stats(SEED_X)
    np.testing.assert_allclose(mean, [[2.5, 6.5], [0.5, 0.5]])
    np.testing.assert_allclose(var, np.full((2, 2), 1.25))


def test_group_norm_ends_are_layer_and_instance():
    # groups = 1 pools all channels (layer norm); groups = C keeps each channel (instance norm).
    for got, want in ((group_norm_stats(SEED_X, 1), layer_norm_stats(SEED_X)),
                      (group_norm_stats(SEED_X, 2), instance_norm_stats(SEED_X))):
        np.testing.assert_allclose(got[0].ravel(), want[0].ravel())
        np.testing.assert_allclose(got[1].ravel(), want[1].ravel())


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError, match=r"\(N, C, \.\.\.\)"):
        batch_norm_stats(np.ones(3))
    with pytest.raises(ValueError, match="spatial"):
        instance_norm_stats(np.ones((2, 3)))
    with pytest.raises(ValueError, match="groups=2 must be a positive divisor of C=3"):
        group_norm_stats(np.ones((1, 3, 4)), 2)
    with pytest.raises(ValueError, match=r"gamma must have shape \(2,\)"):
        batch_norm(SEED_X, gamma=np.ones(3))


def _exact_stats(x, group_of):
    """Mean and biased variance per group by the two-pass definition, in exact rationals."""
    groups = {}
    for index, value in np.ndenumerate(x):
        groups.setdefault(group_of(index), []).append(sympy.Integer(int(value)))
    stats = {}
    for key, values in groups.items():
        mean = sum(values) / len(values)
        stats[key] = (mean, sum((v - mean) ** 2 for v in values) / len(values))
    return stats


def _assert_matches(mean, var, exact):
    for key, (m, v) in exact.items():
        assert mean[key] == pytest.approx(float(m), abs=1e-9)
        assert var[key] == pytest.approx(float(v), abs=1e-9)


SHAPES = st.tuples(st.integers(1, 3), st.sampled_from([2, 4, 6]), st.integers(1, 3), st.integers(1, 3))
INTS = st.integers(-9, 9)


@settings(max_examples=40, deadline=None)
@given(SHAPES.flatmap(lambda s: arrays(np.int64, s, elements=INTS)), st.sampled_from([1, 2]))
def test_stats_equal_exact_rational_arithmetic(x, groups):
    c = x.shape[1]
    _assert_matches(*batch_norm_stats(x), _exact_stats(x, lambda i: i[1]))
    _assert_matches(*layer_norm_stats(x), _exact_stats(x, lambda i: i[0]))
    _assert_matches(*instance_norm_stats(x), _exact_stats(x, lambda i: (i[0], i[1])))
    per_group = c // groups
    _assert_matches(*group_norm_stats(x, groups), _exact_stats(x, lambda i: (i[0], i[1] // per_group)))


def test_against_torch_functional():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 6, 4, 5))  # (N, C, H, W)
    gamma, beta = rng.normal(size=6), rng.normal(size=6)  # (C,)
    t = torch.tensor(x)
    tg, tb = torch.tensor(gamma), torch.tensor(beta)
    cases = [
        (batch_norm(x, gamma, beta), F.batch_norm(t, None, None, tg, tb, training=True, eps=1e-5)),
        (instance_norm(x, gamma, beta), F.instance_norm(t, weight=tg, bias=tb, eps=1e-5)),
        (group_norm(x, 3, gamma, beta), F.group_norm(t, 3, tg, tb, eps=1e-5)),
        (layer_norm(x), F.layer_norm(t, x.shape[1:], eps=1e-5)),
    ]
    lg, lb = rng.normal(size=x.shape[1:]), rng.normal(size=x.shape[1:])  # (C, H, W)
    cases.append((layer_norm(x, lg, lb), F.layer_norm(t, x.shape[1:], torch.tensor(lg), torch.tensor(lb))))
    for ours, theirs in cases:
        np.testing.assert_allclose(ours, theirs.numpy(), atol=1e-10)


def test_batch_stats_against_torch_running_stats():
    # BatchNorm with momentum 1 stores this batch's mean and its *unbiased* variance.
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(1).normal(size=(4, 3, 5))  # (N, C, L)
    layer = torch.nn.BatchNorm1d(3, momentum=1.0, dtype=torch.float64)
    layer.train()(torch.tensor(x))
    count = 4 * 5
    mean, var = batch_norm_stats(x)
    np.testing.assert_allclose(mean, layer.running_mean.numpy(), atol=1e-12)
    np.testing.assert_allclose(var * count / (count - 1), layer.running_var.numpy(), atol=1e-12)
