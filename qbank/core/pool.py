"""Max and average pooling (1-D and 2-D) and the max-pool backward pass (gradient routing to the argmax).

Conventions of torch.nn.functional.max_pool2d / avg_pool2d: stride defaults to
the kernel size, padding is at most half the kernel, max pooling pads with
-inf, average pooling counts the zero padding (count_include_pad=True), the
output size rounds down (ceil_mode=False). In a tie the first maximum in
row-major window order wins, as in PyTorch's CPU kernels.
"""
import numpy as np

from qbank.core.conv_size import batched, geometry2d, pad2d, pair, windows2d


def _pool_windows(x, kernel, stride, padding, fill, what):
    """Padded windows (N, C, Ho, Wo, kh, kw) of x (C, H, W) or (N, C, H, W), plus the batching flag and pads."""
    x4, single = batched(x, 3, what)
    kernel = pair(kernel, "kernel")
    stride = kernel if stride is None else pair(stride, "stride")
    padding = pair(padding, "padding")
    if any(2 * p > k for p, k in zip(padding, kernel)):
        raise ValueError(f"{what}: padding {padding} must be at most half the kernel {kernel} (as in torch)")
    pads, _ = geometry2d(x4.shape, kernel, stride, padding, (1, 1), what)
    padded = pad2d(x4 if fill == 0 else x4.astype(np.result_type(x4.dtype, float)), pads, fill)
    return windows2d(padded, kernel, stride, (1, 1)), single, pads, stride


def max_pool2d(x, kernel, stride=None, padding=0):
    """Maximum of each kernel window; x (C, H, W) or (N, C, H, W) -> (C, Ho, Wo) or (N, C, Ho, Wo).

    Ho = floor((H + 2p - k) / s) + 1 (PyTorch docs of torch.nn.MaxPool2d); padding counts as -inf.
    """
    win, single, _, _ = _pool_windows(x, kernel, stride, padding, -np.inf if np.any(padding) else 0, "max_pool2d")
    out = win.max(axis=(-2, -1))  # (N, C, Ho, Wo)
    return out[0] if single else out


def avg_pool2d(x, kernel, stride=None, padding=0):
    """Mean of each kernel window, zero padding included in the count (torch.nn.AvgPool2d defaults).

    x (C, H, W) or (N, C, H, W) -> (C, Ho, Wo) or (N, C, Ho, Wo).
    """
    win, single, _, _ = _pool_windows(x, kernel, stride, padding, 0, "avg_pool2d")
    kh, kw = win.shape[-2:]
    out = win.sum(axis=(-2, -1)) / (kh * kw)  # (N, C, Ho, Wo)
    return out[0] if single else out


def max_pool2d_indices(x, kernel, stride=None, padding=0):
    """Where each maximum came from: flat index i*W + j into the unpadded (H, W) plane.

    The same indices as torch.nn.functional.max_pool2d(..., return_indices=True);
    a tie goes to the first maximum in row-major window order.
    """
    x4, single = batched(x, 3, "max_pool2d_indices")
    win, _, pads, stride = _pool_windows(x4, kernel, stride, padding, -np.inf if np.any(padding) else 0,
                                         "max_pool2d_indices")
    n, c, ho, wo, kh, kw = win.shape
    local = win.reshape(n, c, ho, wo, kh * kw).argmax(axis=-1)  # (N, C, Ho, Wo), first maximum wins
    rows = np.arange(ho)[:, None] * stride[0] + local // kw - pads[0][0]  # (N, C, Ho, Wo)
    cols = np.arange(wo)[None, :] * stride[1] + local % kw - pads[1][0]  # (N, C, Ho, Wo)
    flat = rows * x4.shape[3] + cols
    return flat[0] if single else flat


def max_pool2d_backward(x, grad_out, kernel, stride=None, padding=0):
    """dL/dx of max pooling: each output gradient goes to its window's maximum, summed where windows overlap.

    The derivative of max is 1 for the (first) largest input and 0 for the
    others (Goodfellow et al., Deep Learning, section 9.3; torch autograd routes
    the same way). grad_out has the shape of max_pool2d(x, ...); returns x's shape.
    """
    x4, single = batched(x, 3, "max_pool2d_backward")
    flat = max_pool2d_indices(x4, kernel, stride, padding)  # (N, C, Ho, Wo)
    grad4 = np.asarray(grad_out)[None] if single else np.asarray(grad_out)
    if grad4.shape != flat.shape:
        raise ValueError(f"max_pool2d_backward: grad_out {np.shape(grad_out)} must have the pooled shape "
                         f"{flat.shape[1:] if single else flat.shape} of input {np.shape(x)}")
    n, c, h, w = x4.shape
    dx = np.zeros((n, c, h * w), dtype=np.result_type(grad4.dtype, x4.dtype))  # (N, C, H*W)
    batch, channel = np.arange(n)[:, None, None, None], np.arange(c)[None, :, None, None]
    np.add.at(dx, (batch, channel, flat), grad4)
    dx = dx.reshape(n, c, h, w)
    return dx[0] if single else dx


def _as_2d(x, what):
    """x (C, L) or (N, C, L) as (N, C, 1, L) and whether a batch axis was added."""
    x3, single = batched(x, 2, what)
    return x3[:, :, None, :], single


def max_pool1d(x, kernel, stride=None, padding=0):
    """1-D max pooling, as torch.nn.functional.max_pool1d: x (C, L) or (N, C, L) -> (C, Lo) or (N, C, Lo)."""
    x4, single = _as_2d(x, "max_pool1d")
    out = max_pool2d(x4, (1, kernel), None if stride is None else (1, stride), (0, padding))[:, :, 0, :]
    return out[0] if single else out


def max_pool1d_indices(x, kernel, stride=None, padding=0):
    """Position in L of each window's (first) maximum, as torch.nn.functional.max_pool1d(..., return_indices=True)."""
    x4, single = _as_2d(x, "max_pool1d_indices")
    out = max_pool2d_indices(x4, (1, kernel), None if stride is None else (1, stride), (0, padding))[:, :, 0, :]
    return out[0] if single else out


def max_pool1d_backward(x, grad_out, kernel, stride=None, padding=0):
    """dL/dx of 1-D max pooling: each output gradient goes to its window's (first) maximum."""
    x4, single = _as_2d(x, "max_pool1d_backward")
    g3, _ = batched(grad_out, 2, "max_pool1d_backward (grad_out)")
    dx = max_pool2d_backward(x4, g3[:, :, None, :], (1, kernel), None if stride is None else (1, stride),
                             (0, padding))[:, :, 0, :]  # (N, C, L)
    return dx[0] if single else dx
