"""Loss functions and their gradients with respect to the prediction, as torch.nn.functional.

All reduce with a mean, PyTorch's default reduction="mean": binary_cross_entropy and
mse average over every element, cross_entropy averages over the batch (or, with
reduction="sum", adds over it, as F.cross_entropy's reduction argument does).
Source: PyTorch docs, torch.nn.{BCELoss, MSELoss, CrossEntropyLoss}.
"""
import numpy as np

# torch.nn.BCELoss clamps each log term at -100 so that y_hat = 0 or 1 gives a finite loss,
# and its backward divides by max(y_hat (1 - y_hat), 1e-12).
_LOG_FLOOR = -100.0
_BCE_EPS = 1e-12


def _pair(y_hat, y, name):
    y_hat, y = np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float)
    if y_hat.shape != y.shape:
        raise ValueError(f"{name}: y_hat {y_hat.shape} and y {y.shape} must have the same shape")
    return y_hat, y


def binary_cross_entropy(y_hat, y):
    """mean(-y log y_hat - (1 - y) log(1 - y_hat)) over all elements; y_hat in [0, 1] (probabilities), y the targets.

    torch.nn.BCELoss with reduction="mean", each log clamped at -100 as torch does
    (Goodfellow et al., Deep Learning, §6.2.2.2).
    """
    y_hat, y = _pair(y_hat, y, "binary_cross_entropy")
    if np.any((y_hat < 0) | (y_hat > 1)):
        raise ValueError("binary_cross_entropy: y_hat must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        log_p, log_q = np.maximum(np.log(y_hat), _LOG_FLOOR), np.maximum(np.log1p(-y_hat), _LOG_FLOOR)
    return float(np.mean(-y * log_p - (1.0 - y) * log_q))


def binary_cross_entropy_grad(y_hat, y):
    """dL/dy_hat = (y_hat - y) / (y_hat (1 - y_hat)) / n, n the number of elements (mean reduction)."""
    y_hat, y = _pair(y_hat, y, "binary_cross_entropy")
    return (y_hat - y) / np.maximum(y_hat * (1.0 - y_hat), _BCE_EPS) / y_hat.size


def mse(y_hat, y):
    """mean((y_hat - y)^2) over all elements (torch.nn.MSELoss; no factor 1/2)."""
    y_hat, y = _pair(y_hat, y, "mse")
    return float(np.mean((y_hat - y) ** 2))


def mse_grad(y_hat, y):
    """dL/dy_hat = 2 (y_hat - y) / n, n the number of elements."""
    y_hat, y = _pair(y_hat, y, "mse")
    return 2.0 * (y_hat - y) / y_hat.size


def _logits_target(logits, target):
    """logits as (N, C) and target as int (N,), for one sample (C,) with a scalar target too."""
    logits = np.asarray(logits, dtype=float)
    target = np.asarray(target)
    if logits.ndim == 1:
        logits, target = logits[None, :], target.reshape(1)
    if logits.ndim != 2 or target.shape != (logits.shape[0],):
        raise ValueError(f"cross_entropy: logits must be (N, C) with target (N,), got {logits.shape} and {target.shape}")
    if target.dtype.kind not in "iu" or np.any((target < 0) | (target >= logits.shape[1])):
        raise ValueError(f"cross_entropy: targets must be class indices in 0..{logits.shape[1] - 1}")
    return logits, target


def _log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)  # (N, C); the shift cancels in softmax
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _batch_divisor(reduction, n):
    """N for reduction="mean", 1 for "sum"; ValueError for anything else."""
    if reduction not in ("mean", "sum"):
        raise ValueError(f"cross_entropy: reduction must be 'mean' or 'sum', got {reduction!r}")
    return n if reduction == "mean" else 1


def cross_entropy(logits, target, reduction="mean"):
    """-log softmax(logits)[target], averaged (or summed) over the batch; logits (N, C) or (C,), class targets.

    torch.nn.CrossEntropyLoss with class-index targets and reduction="mean" or "sum"
    (Goodfellow et al., Deep Learning, §6.2.2.3).
    """
    logits, target = _logits_target(logits, target)
    picked = _log_softmax(logits)[np.arange(len(target)), target]  # (N,)
    return float(-np.sum(picked) / _batch_divisor(reduction, len(target)))


def cross_entropy_grad(logits, target, reduction="mean"):
    """dL/dlogits = (softmax(logits) - onehot(target)) / N (mean) or without the 1/N (sum), shaped as `logits`.

    The derivative of -log softmax(z)_y with respect to z is softmax(z) - onehot(y)
    (Goodfellow et al., Deep Learning, §6.2.2.3; Bishop, PRML, eq. 4.109).
    """
    shape = np.shape(logits)
    logits, target = _logits_target(logits, target)
    grad = np.exp(_log_softmax(logits))  # (N, C)
    grad[np.arange(len(target)), target] -= 1.0
    return (grad / _batch_divisor(reduction, len(target))).reshape(shape)


LOSSES = {
    "bce": (binary_cross_entropy, binary_cross_entropy_grad),
    "mse": (mse, mse_grad),
    "cross_entropy": (cross_entropy, cross_entropy_grad),
}


def get_loss(name):
    """(loss, gradient) for a loss name; ValueError names an unknown one."""
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; expected one of {', '.join(LOSSES)}")
    return LOSSES[name]
