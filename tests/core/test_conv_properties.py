"""qbank.core.conv against exact arithmetic: direct sums over Fractions, the floor formula, sympy derivatives."""
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from qbank.core.conv import conv1d, conv1d_backward, conv2d, conv_output_size, max_pool1d, max_pool1d_backward

SETTINGS = settings(max_examples=50, deadline=None)


def reference_conv2d(x, w, b, stride, pad, dil, groups):
    """out[n][o][i][j] by the defining sum, with explicit zero padding; x, w nested lists of Fractions."""
    n_batch, h, wd = len(x), len(x[0][0]), len(x[0][0][0])
    c_out, c_group, kh, kw = len(w), len(w[0]), len(w[0][0]), len(w[0][0][0])

    def at(n, c, r, q):
        r, q = r - pad, q - pad
        return x[n][c][r][q] if 0 <= r < h and 0 <= q < wd else 0

    out_h = (h + 2 * pad - dil * (kh - 1) - 1) // stride + 1
    out_w = (wd + 2 * pad - dil * (kw - 1) - 1) // stride + 1
    return [[[[b[o] + sum(w[o][c][p][q] * at(n, (o // (c_out // groups)) * c_group + c, i * stride + p * dil,
                                              j * stride + q * dil)
                          for c in range(c_group) for p in range(kh) for q in range(kw))
               for j in range(out_w)] for i in range(out_h)] for o in range(c_out)] for n in range(n_batch)]


small = st.integers(-5, 5).map(Fraction)


@st.composite
def conv_cases(draw):
    groups = draw(st.integers(1, 2))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    kh, kw, stride, pad, dil = (draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 2)),
                                draw(st.integers(0, 2)), draw(st.integers(1, 2)))
    h = draw(st.integers(max(1, dil * (kh - 1) + 1 - 2 * pad), 6))
    wd = draw(st.integers(max(1, dil * (kw - 1) + 1 - 2 * pad), 6))
    x = draw(st.lists(st.lists(st.lists(st.lists(small, min_size=wd, max_size=wd), min_size=h, max_size=h),
                               min_size=c_in, max_size=c_in), min_size=1, max_size=2))
    w = [[[[draw(small) for _ in range(kw)] for _ in range(kh)] for _ in range(c_in // groups)] for _ in range(c_out)]
    b = [draw(small) for _ in range(c_out)]
    return x, w, b, stride, pad, dil, groups


@SETTINGS
@given(conv_cases())
def test_conv2d_equals_the_defining_sum(case):
    x, w, b, stride, pad, dil, groups = case
    got = conv2d(np.array(x, dtype=object), np.array(w, dtype=object), np.array(b, dtype=object),
                 stride=stride, padding=pad, dilation=dil, groups=groups)
    assert got.tolist() == reference_conv2d(x, w, b, stride, pad, dil, groups)


@SETTINGS
@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), st.integers(0, 3), st.integers(1, 3))
def test_output_size_is_the_floor_formula_and_the_actual_length(n, k, s, p, d):
    span = d * (k - 1) + 1
    if span > n + 2 * p:
        with pytest.raises(ValueError):
            conv_output_size(n, k, s, p, d)
        return
    expected = sympy.floor(sympy.Rational(n + 2 * p - span, s)) + 1
    assert conv_output_size(n, k, s, p, d) == expected
    assert conv1d(np.ones((1, n)), np.ones((1, 1, k)), stride=s, padding=p, dilation=d).shape == (1, expected)
    if s == 1:
        assert conv_output_size(n, k, 1, "same", d) == n
        assert conv1d(np.ones((1, n)), np.ones((1, 1, k)), padding="same", dilation=d).shape == (1, n)


@SETTINGS
@given(st.integers(3, 6), st.integers(1, 3), st.integers(1, 2), st.integers(0, 1))
def test_conv1d_backward_is_the_symbolic_derivative(length, k, stride, pad):
    xs = np.array([sympy.symbols(f"x1:{length + 1}")])  # (1, L)
    ks = np.array([[sympy.symbols(f"k1:{k + 1}")]])  # (1, 1, k)
    out = conv1d(xs, ks, stride=stride, padding=pad)[0]  # (Lo,)
    deltas = sympy.symbols(f"d1:{len(out) + 1}")
    loss = sum(d * o for d, o in zip(deltas, out))  # dL/dout_i = d_i
    dx, dw, db = conv1d_backward(xs, ks, np.array([deltas]), stride=stride, padding=pad)
    assert all(sympy.expand(dx[0, i] - sympy.diff(loss, xs[0, i])) == 0 for i in range(length))
    assert all(sympy.expand(dw[0, 0, j] - sympy.diff(loss, ks[0, 0, j])) == 0 for j in range(k))
    assert sympy.expand(db[0] - sum(deltas)) == 0


@SETTINGS
@given(st.lists(st.integers(-9, 9), min_size=4, max_size=8), st.integers(1, 3), st.integers(1, 3))
def test_max_pool1d_and_backward_by_definition(values, k, s):
    z = np.array([values])
    out, dz = max_pool1d(z, k, s)[0], max_pool1d_backward(z, np.ones((1, (len(values) - k) // s + 1), int), k, s)[0]
    expected_dz = [0] * len(values)
    for i in range(len(out)):
        window = values[i * s:i * s + k]
        assert out[i] == max(window)
        expected_dz[i * s + window.index(max(window))] += 1  # list.index: the first maximum
    assert dz.tolist() == expected_dz
