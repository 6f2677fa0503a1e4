"""A multilayer perceptron's forward and backward pass, one sample, column-vector convention.

Layer l = 1..L maps h_{l-1} to h_l: z_l = W_l h_{l-1} + b_l, h_l = act_l(z_l), with
h_0 = x and y_hat = h_L; W_l has shape (d_l, d_{l-1}). Activations and losses live in
qbank.core.activations and qbank.core.losses and are re-exported here.
Source: Goodfellow et al., Deep Learning, section 6.5.4, algorithms 6.3 and 6.4.
"""
import numpy as np

from qbank.core.activations import (
    elu, elu_grad, get_activation, leaky_relu, leaky_relu_grad, linear, linear_grad, relu, relu_grad,
    sigmoid, sigmoid_grad, tanh, tanh_grad)
from qbank.core.losses import (
    binary_cross_entropy, binary_cross_entropy_grad, cross_entropy, cross_entropy_grad, get_loss, mse,
    mse_grad)

__all__ = [
    "mlp_forward_backward", "layer_backward",
    # re-exported from activations and losses
    "elu", "elu_grad", "get_activation", "leaky_relu", "leaky_relu_grad", "linear", "linear_grad", "relu", "relu_grad",
    "sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "binary_cross_entropy", "binary_cross_entropy_grad",
    "cross_entropy", "cross_entropy_grad", "get_loss", "mse", "mse_grad",
]


def _layers(x, weights, biases, activations):
    """Validate the network and return float arrays: x, [W_l], [b_l], [activation name per layer]."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be one sample of shape (d_0,), got {x.shape}")
    weights = [np.asarray(W, dtype=float) for W in weights]
    if not weights:
        raise ValueError("an MLP needs at least one weight matrix")
    biases = [None] * len(weights) if biases is None else list(biases)
    names = [activations] * len(weights) if isinstance(activations, str) else list(activations)
    if len(biases) != len(weights) or len(names) != len(weights):
        raise ValueError(f"{len(weights)} weight matrices need as many biases and activations, "
                         f"got {len(biases)} and {len(names)}")
    width = x.size
    for l, W in enumerate(weights, start=1):
        if W.ndim != 2 or W.shape[1] != width:
            raise ValueError(f"W{l} must have shape (d_{l}, {width}), got {W.shape}")
        b = np.zeros(W.shape[0]) if biases[l - 1] is None else np.asarray(biases[l - 1], dtype=float)
        if b.shape != (W.shape[0],):
            raise ValueError(f"b{l} must have shape ({W.shape[0]},), got {b.shape}")
        biases[l - 1], width = b, W.shape[0]
        get_activation(names[l - 1])
    return x, weights, biases, names


def mlp_forward_backward(x, y, weights, biases, activations, loss):
    """Forward and backward pass of an MLP on one sample; returns a dict of numpy arrays.

    x (d_0,); weights [W_1 (d_1, d_0), ..., W_L]; biases [b_l (d_l,)] or None entries (zeros);
    activations: one name for every layer or a list (sigmoid, tanh, relu, leaky_relu, elu, linear);
    loss: "bce" or "mse" on y_hat = h_L (y of the same shape, or a number when d_L = 1), or
    "cross_entropy" with h_L the logits and y an integer class index.
    Keys, l = 1..L: z{l}, h{l} (h0 = x), y_hat, loss; dL_dz{l}, dL_dW{l} (d_l, d_{l-1}), dL_db{l},
    dL_dh{l} for l = 0..L (dL_dyhat = dL_dh{L}); local derivatives: dh{l}_dz{l} = act'(z_l) (the
    diagonal of the Jacobian); dz{l}_dz{l-1} = W_l diag(act'(z_{l-1})) (d_l, d_{l-1}) for l >= 2;
    dz{l}_dW{l} (d_l, d_l, d_{l-1}) with [i, j, k] = dz_{l,i}/dW_{l,jk} = delta_ij h_{l-1,k}.
    Backward recursion: dL/dz_l = dL/dh_l * act'(z_l), dL/dW_l = dL/dz_l h_{l-1}^T,
    dL/db_l = dL/dz_l, dL/dh_{l-1} = W_l^T dL/dz_l (Goodfellow et al., algorithm 6.4).
    """
    x, weights, biases, names = _layers(x, weights, biases, activations)
    loss_fn, loss_grad = get_loss(loss)
    out = {"h0": x}
    h = x
    for l, (W, b, name) in enumerate(zip(weights, biases, names), start=1):
        act, act_grad = get_activation(name)
        z = W @ h + b  # (d_l,)
        h = act(z)  # (d_l,)
        out[f"z{l}"], out[f"h{l}"], out[f"dh{l}_dz{l}"] = z, h, act_grad(z)
    L = len(weights)
    if loss == "cross_entropy":
        target = np.asarray(y)
        if target.ndim != 0 or target.dtype.kind not in "iu":
            raise ValueError(f"cross_entropy needs one integer class index as y, got {y!r}")
    else:
        target = np.asarray(y, dtype=float)
        if target.ndim == 0 and h.size == 1:  # a number as the target of a one-unit output
            target = target.reshape(h.shape)
    out["y_hat"], out["loss"] = h, loss_fn(h, target)
    grad_h = np.asarray(loss_grad(h, target), dtype=float)  # (d_L,)
    out[f"dL_dh{L}"] = out["dL_dyhat"] = grad_h
    for l in range(L, 0, -1):
        W, h_prev = weights[l - 1], out[f"h{l - 1}"]
        grad_z = grad_h * out[f"dh{l}_dz{l}"]  # (d_l,)
        out[f"dL_dz{l}"], out[f"dL_db{l}"] = grad_z, grad_z
        out[f"dL_dW{l}"] = np.outer(grad_z, h_prev)  # (d_l, d_{l-1})
        out[f"dz{l}_dW{l}"] = np.einsum("ij,k->ijk", np.eye(W.shape[0]), h_prev)  # (d_l, d_l, d_{l-1})
        if l >= 2:
            out[f"dz{l}_dz{l - 1}"] = W * out[f"dh{l - 1}_dz{l - 1}"][None, :]  # (d_l, d_{l-1})
        grad_h = W.T @ grad_z  # (d_{l-1},)
        out[f"dL_dh{l - 1}"] = grad_h
    return out


def layer_backward(z, W, grad_h, activation):
    """dL/dh^{(l-1)} = W^T (dL/dh^{(l)} * act'(z^{(l)})) for one layer z = W h^{(l-1)} + b, h = act(z).

    z (d_l,), W (d_l, d_{l-1}), grad_h = dL/dh^{(l)} (d_l,). Returns dict dh_dz = act'(z),
    dL_dz, dL_dh_prev. Source: Goodfellow et al., Deep Learning, algorithm 6.4.
    """
    z, W, grad_h = np.asarray(z, dtype=float), np.asarray(W, dtype=float), np.asarray(grad_h, dtype=float)
    if z.ndim != 1 or W.ndim != 2 or W.shape[0] != z.size or grad_h.shape != z.shape:
        raise ValueError(f"need z (d,), W (d, d_prev), grad_h (d,); got {z.shape}, {W.shape}, {grad_h.shape}")
    _, act_grad = get_activation(activation)
    dh_dz = act_grad(z)  # (d_l,)
    grad_z = grad_h * dh_dz  # (d_l,)
    return {"dh_dz": dh_dz, "dL_dz": grad_z, "dL_dh_prev": W.T @ grad_z}
