"""qbank.core.conv against PyTorch: convolutions, pooling, gradients and parameter counts."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from qbank.core.conv import (
    avg_pool2d, conv1d, conv1d_backward, conv2d, conv2d_param_count, depthwise_separable_param_count,
    max_pool1d, max_pool1d_backward, max_pool1d_indices, max_pool2d, max_pool2d_backward, max_pool2d_indices)

torch = pytest.importorskip("torch")
F = torch.nn.functional
SETTINGS = settings(max_examples=40, deadline=None)
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same':UserWarning")  # torch's even-kernel note


def t(a):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64)


@st.composite
def conv2d_cases(draw):
    groups = draw(st.integers(1, 3))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride, dilation = (draw(st.integers(1, 3)), draw(st.integers(1, 2))), (draw(st.integers(1, 2)), 1)
    padding = draw(st.sampled_from([0, 1, (2, 0), "valid", "same"]))
    if padding == "same":
        stride = (1, 1)
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, c_in, draw(st.integers(5, 8)), draw(st.integers(5, 8))))
    w = rng.normal(size=(c_out, c_in // groups, *kernel))
    return x, w, rng.normal(size=c_out), stride, padding, dilation, groups


@SETTINGS
@given(conv2d_cases())
def test_conv2d_matches_torch(case):
    x, w, b, stride, padding, dilation, groups = case
    expected = F.conv2d(t(x), t(w), t(b), stride=stride, padding=padding, dilation=dilation, groups=groups)
    got = conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(conv2d(x[0], w, b, stride, padding, dilation, groups), expected[0].numpy(), atol=1e-12)


@SETTINGS
@given(st.integers(1, 4), st.integers(1, 3), st.integers(1, 2), st.sampled_from([0, 1, 2, "same", "valid"]),
       st.integers(0, 2**16))
def test_conv1d_and_its_backward_match_torch(k, stride, dilation, padding, seed):
    stride = 1 if padding == "same" else stride
    rng = np.random.default_rng(seed)
    x, w, b = rng.normal(size=(2, 3, 9)), rng.normal(size=(4, 3, k)), rng.normal(size=4)
    xt, wt, bt = (t(a).requires_grad_() for a in (x, w, b))
    out = F.conv1d(xt, wt, bt, stride=stride, padding=padding, dilation=dilation)
    np.testing.assert_allclose(conv1d(x, w, b, stride, padding, dilation), out.detach().numpy(), atol=1e-12)
    grad = rng.normal(size=out.shape)
    out.backward(t(grad))
    dx, dw, db = conv1d_backward(x, w, grad, stride, padding, dilation)
    for mine, theirs in ((dx, xt), (dw, wt), (db, bt)):
        np.testing.assert_allclose(mine, theirs.grad.numpy(), atol=1e-12)


@SETTINGS
@given(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2**16), st.booleans())
def test_pooling_matches_torch(k, s, seed, with_ties):
    rng = np.random.default_rng(seed)
    p = int(rng.integers(0, k // 2 + 1))
    x = rng.integers(0, 3, size=(2, 3, 6, 7)) if with_ties else rng.normal(size=(2, 3, 6, 7))
    values, indices = F.max_pool2d(t(x), k, s, p, return_indices=True)
    np.testing.assert_allclose(max_pool2d(x, k, s, p), values.numpy())
    np.testing.assert_array_equal(max_pool2d_indices(x, k, s, p), indices.numpy())
    np.testing.assert_allclose(avg_pool2d(x, k, s, p), F.avg_pool2d(t(x), k, s, p).numpy(), atol=1e-12)
    xt = t(x).requires_grad_()
    grad = rng.normal(size=values.shape)
    F.max_pool2d(xt, k, s, p).backward(t(grad))
    np.testing.assert_allclose(max_pool2d_backward(x, grad, k, s, p), xt.grad.numpy(), atol=1e-12)


@SETTINGS
@given(st.lists(st.integers(-3, 3), min_size=3, max_size=7), st.integers(1, 3), st.integers(1, 2))
def test_max_pool1d_matches_torch(values, k, s):
    x = np.array([values])  # (1, L)
    xt = t(x).requires_grad_()
    out, indices = F.max_pool1d(xt, k, s, return_indices=True)
    np.testing.assert_allclose(max_pool1d(x, k, s), out.detach().numpy())
    np.testing.assert_array_equal(max_pool1d_indices(x, k, s), indices.numpy())
    out.backward(torch.ones_like(out))
    np.testing.assert_allclose(max_pool1d_backward(x, np.ones(out.shape), k, s), xt.grad.numpy())


@pytest.mark.parametrize("c_in, c_out, kernel, bias, groups", [
    (3, 64, 11, True, 1), (3, 8, 3, False, 1), (4, 6, (3, 5), True, 2), (6, 6, 3, True, 6)])
def test_param_count_matches_nn_conv2d(c_in, c_out, kernel, bias, groups):
    layer = torch.nn.Conv2d(c_in, c_out, kernel, bias=bias, groups=groups)
    assert conv2d_param_count(c_in, c_out, kernel, bias, groups) == sum(p.numel() for p in layer.parameters())


def test_depthwise_separable_count_matches_torch_layers():
    depthwise, pointwise = torch.nn.Conv2d(3, 3, 11, groups=3), torch.nn.Conv2d(3, 64, 1)
    total = sum(p.numel() for layer in (depthwise, pointwise) for p in layer.parameters())
    assert depthwise_separable_param_count(3, 64, 11) == total
