"""Elementwise activation functions and their derivatives, as in torch.nn.functional.

Every `*_grad(z)` is the derivative with respect to the pre-activation z. At a
kink the value is the one PyTorch's autograd returns, so answers agree with
`torch.autograd`: relu'(0) = 0, leaky_relu'(0) = negative_slope, elu'(0) = alpha.
Source: PyTorch docs, torch.nn.{Sigmoid, Tanh, ReLU, LeakyReLU, ELU}, and the
backward kernels in aten/src/ATen/native (threshold_backward, elu_backward,
leaky_relu_backward).
"""
import numpy as np


def sigmoid(z):
    """sigma(z) = 1 / (1 + exp(-z)) elementwise (Goodfellow et al., Deep Learning, eq. 3.30; torch.nn.Sigmoid),
    evaluated without overflow for large |z|."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # never overflows: exponent <= 0
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)) (Goodfellow et al., Deep Learning, eq. 6.41)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z) elementwise (torch.nn.Tanh)."""
    return np.tanh(np.asarray(z, dtype=float))


def tanh_grad(z):
    """tanh'(z) = 1 - tanh(z)^2 (differentiating the quotient above; PyTorch's tanh_backward)."""
    return 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2


def relu(z):
    """max(0, z) elementwise (torch.nn.ReLU; Nair & Hinton 2010, "Rectified Linear Units")."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_grad(z):
    """1 for z > 0, else 0; the value 0 at z = 0 is PyTorch's (threshold_backward)."""
    return (np.asarray(z, dtype=float) > 0).astype(float)


def leaky_relu(z, negative_slope=0.01):
    """z for z > 0, else negative_slope * z (torch.nn.LeakyReLU, default slope 0.01)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, negative_slope * z)


def leaky_relu_grad(z, negative_slope=0.01):
    """1 for z > 0, else negative_slope (so negative_slope at z = 0, as PyTorch)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, negative_slope)


def elu(z, alpha=1.0):
    """z for z > 0, else alpha (exp(z) - 1) (Clevert et al. 2016, eq. 1; torch.nn.ELU)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def elu_grad(z, alpha=1.0):
    """1 for z > 0, else alpha exp(z) (so alpha at z = 0, as PyTorch's elu_backward)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


def linear(z):
    """The identity, for a layer without a nonlinearity."""
    return np.asarray(z, dtype=float)


def linear_grad(z):
    """1 everywhere."""
    return np.ones_like(np.asarray(z, dtype=float))


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "elu": (elu, elu_grad),
    "linear": (linear, linear_grad),
}


def get_activation(name, allowed=None):
    """(function, derivative) for an activation name; ValueError names an unknown one."""
    allowed = tuple(ACTIVATIONS) if allowed is None else tuple(allowed)
    if name not in allowed:
        raise ValueError(f"unknown activation {name!r}; expected one of {', '.join(allowed)}")
    return ACTIVATIONS[name]


def grad_from_output(name, h):
    """sigma'(z) written through the output h = sigma(z), as BPTT derivations do.

    tanh: 1 - h^2; sigmoid: h (1 - h); relu: 1 where h > 0 (z > 0 exactly when h > 0);
    linear: 1. Other activations are not invertible this way and raise ValueError.
    """
    h = np.asarray(h, dtype=float)
    by_output = {
        "tanh": lambda: 1.0 - h ** 2,
        "sigmoid": lambda: h * (1.0 - h),
        "relu": lambda: (h > 0).astype(float),
        "linear": lambda: np.ones_like(h),
    }
    if name not in by_output:
        raise ValueError(f"unknown activation {name!r} for a derivative from the output; "
                         f"expected one of {', '.join(by_output)}")
    return by_output[name]()
