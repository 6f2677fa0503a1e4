"""Exact convolution arithmetic in plain python and sympy: the independent path of the conv templates' cross-checks.

Written from the definitions (the output-size formula of the torch.nn.Conv2d
docs, the cross-correlation sum, max over a window) with loops over sympy
Integers and no numpy, so an error in qbank.core.conv cannot repeat here.
"""
from __future__ import annotations

from qbank.lazy import sympy


def out_size(n, kernel, stride, padding):
    """floor((n + 2p - k) / s) + 1 with sympy; padding "same" keeps n, "valid" means p = 0."""
    if padding == "same":
        return int(n)
    p = 0 if padding == "valid" else int(padding)
    return int(sympy.floor(sympy.Rational(int(n) + 2 * p - int(kernel), int(stride)))) + 1


def conv_params(c_in, c_out, kernel):
    """c_out (c_in k^2 + 1): one k x k x c_in filter and one bias per output channel."""
    return int(c_out) * (int(c_in) * int(kernel) ** 2 + 1)


def conv_macs(c_in, c_out, kernel, out):
    """One c_in k^2-term inner product per output value, out x out x c_out values."""
    return int(c_in) * int(kernel) ** 2 * int(c_out) * int(out) ** 2


def grid(matrix):
    """A nested list of sympy Integers from any 2-D sequence."""
    return [[sympy.Integer(int(v)) for v in row] for row in matrix]


def correlate_same(image, kernel, bias):
    """3x3 cross-correlation with one ring of zero padding: out[i][j] = b + sum_{a,c} K[a][c] x[i+a-1][j+c-1]."""
    rows, cols = len(image), len(image[0])

    def pixel(r, c):
        return image[r][c] if 0 <= r < rows and 0 <= c < cols else 0

    return [[sympy.Integer(int(bias)) + sum(kernel[a][c] * pixel(i + a - 1, j + c - 1)
                                            for a in range(3) for c in range(3))
             for j in range(cols)] for i in range(rows)]


def relu(matrix):
    """max(v, 0) entry by entry."""
    return [[sympy.Max(v, 0) for v in row] for row in matrix]


def max_pool_2x2(matrix):
    """Maximum of each non-overlapping 2x2 block."""
    return [[sympy.Max(matrix[i][j], matrix[i][j + 1], matrix[i + 1][j], matrix[i + 1][j + 1])
             for j in range(0, len(matrix[0]) - 1, 2)] for i in range(0, len(matrix) - 1, 2)]


def same(matrix, array) -> bool:
    """True when a nested list of sympy numbers equals a numpy array entry by entry."""
    return [[int(v) for v in row] for row in matrix] == [[int(round(float(v))) for v in row] for row in array]
