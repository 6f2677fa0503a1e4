"""Geometry shared by convolution and pooling: output sizes, padding amounts, sliding windows.

Conventions are those of torch.nn.functional.conv2d / max_pool2d: padding is
added on both sides, the window of a dilated kernel spans dilation*(k-1)+1
inputs, and the output size is rounded down (no ceil mode).
"""
import numpy as np
from numpy.lib.stride_tricks import as_strided


def pair(value, name):
    """An int or an (a, b) pair as a pair of ints; ValueError otherwise."""
    if type(value) is int:  # the common case, without numpy's type checks (a draw's conv runs thousands of times)
        return value, value
    items = (value, value) if np.ndim(value) == 0 and not isinstance(value, str) else tuple(value)
    if len(items) != 2 or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in items):
        raise ValueError(f"{name} must be an int or a pair of ints, got {value!r}")
    return tuple(int(v) for v in items)


def padding_amounts(padding, kernel, stride=1, dilation=1):
    """(before, after) zeros for one axis; padding is an int, "same" or "valid".

    "same" pads dilation*(k-1) in total, the odd one on the after side, and
    needs stride 1 (torch.nn.functional.conv2d refuses strided "same").
    """
    if isinstance(padding, str):
        if padding == "valid":
            return 0, 0
        if padding != "same":
            raise ValueError(f"padding must be an int, 'same' or 'valid', got {padding!r}")
        if stride != 1:
            raise ValueError(f"padding='same' needs stride 1 (as in torch), got stride {stride}")
        total = dilation * (kernel - 1)
        return total // 2, total - total // 2
    if not isinstance(padding, (int, np.integer)) or isinstance(padding, bool) or padding < 0:
        raise ValueError(f"padding must be a non-negative int, 'same' or 'valid', got {padding!r}")
    return int(padding), int(padding)


def conv_output_size(n, kernel, stride=1, padding=0, dilation=1):
    """Output length of a convolution or pooling along one axis of input length n.

    floor((n + 2p - d(k-1) - 1) / s) + 1, the formula of the torch.nn.Conv2d
    docs ("Shape" section), equivalently (N + 2P - F)/S + 1 of CS231n for d = 1.
    padding "same" (stride 1 only) gives n, "valid" means p = 0.
    Raises ValueError when the dilated kernel is larger than the padded input.
    """
    for name, value, least in (("n", n, 1), ("kernel", kernel, 1), ("stride", stride, 1), ("dilation", dilation, 1)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < least:
            raise ValueError(f"{name} must be an int >= {least}, got {value!r}")
    before, after = padding_amounts(padding, kernel, stride, dilation)
    span = dilation * (kernel - 1) + 1
    padded = n + before + after
    if span > padded:
        raise ValueError(f"kernel {kernel} (dilation {dilation}, span {span}) is larger than the padded input "
                         f"{n} + {before} + {after} = {padded}")
    return (padded - span) // stride + 1


def batched(x, ndim, what):
    """x with a leading batch axis (ndim + 1 axes) and whether one was added; ValueError otherwise."""
    x = np.asarray(x)
    if x.ndim == ndim:
        return x[None], True
    if x.ndim != ndim + 1:
        raise ValueError(f"{what}: input must have {ndim} or {ndim + 1} axes, got shape {x.shape}")
    return x, False


def pad2d(x, pads, value=0):
    """x (N, C, H, W) padded by pads ((top, bottom), (left, right)) with `value`."""
    (top, bottom), (left, right) = pads
    if not (top or bottom or left or right):
        return x
    n, c, h, w = x.shape
    out = np.full((n, c, top + h + bottom, left + w + right), value, dtype=x.dtype)  # (N, C, H+t+b, W+l+r)
    out[:, :, top:top + h, left:left + w] = x  # np.pad's result, at a tenth of its overhead on small inputs
    return out


def windows2d(xp, kernel, stride, dilation):
    """Every window of the padded xp (N, C, Hp, Wp) as a view (N, C, Ho, Wo, kh, kw)."""
    (kh, kw), (sh, sw), (dh, dw) = kernel, stride, dilation
    n, c, hp, wp = xp.shape
    ho, wo = (hp - dh * (kh - 1) - 1) // sh + 1, (wp - dw * (kw - 1) - 1) // sw + 1
    s_n, s_c, s_h, s_w = xp.strides
    # window (i, j)'s entry (p, q) is xp[..., i*sh + p*dh, j*sw + q*dw]: the strides of sliding_window_view's
    # result sliced [::sh, ::sw, ::dh, ::dw], without its checks
    return as_strided(xp, (n, c, ho, wo, kh, kw), (s_n, s_c, s_h * sh, s_w * sw, s_h * dh, s_w * dw),
                      writeable=False)  # (N, C, Ho, Wo, kh, kw)


def geometry2d(shape, kernel, stride, padding, dilation, what):
    """Check a (N, C, H, W) input against a 2-D window; return (pads, (Ho, Wo)).

    padding: int, pair of ints, "same" or "valid". ValueError names `what` and the shapes.
    """
    padding = padding if isinstance(padding, str) else pair(padding, "padding")
    per_axis = (padding, padding) if isinstance(padding, str) else padding
    pads, out = [], []
    for n, k, s, p, d in zip(shape[2:], kernel, stride, per_axis, dilation):
        try:
            pads.append(padding_amounts(p, k, s, d))
            out.append(conv_output_size(n, k, s, p, d))
        except ValueError as exc:
            raise ValueError(f"{what}: input {tuple(shape)}, kernel {tuple(kernel)}: {exc}") from None
    return tuple(pads), tuple(out)
