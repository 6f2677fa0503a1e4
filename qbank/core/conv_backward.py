"""The backward pass of conv1d: gradients of the loss with respect to the input, the kernel and the bias.

Works on object arrays too, so arrays of sympy symbols give the symbolic
gradients (dL/dk_j = sum_i delta_i x_{i+j-1}) that exam questions ask for.
"""
import numpy as np

from qbank.core.conv_size import batched, geometry2d, pad2d, windows2d


def conv1d_backward(x, w, grad_out, stride=1, padding=0, dilation=1):
    """(dL/dx, dL/dw, dL/db) of out = conv1d(x, w, b, stride, padding, dilation), given grad_out = dL/dout.

    With out[n, o, i] = b[o] + sum_{c, j} w[o, c, j] xpad[n, c, i*s + j*d] the chain rule gives
      dL/dw[o, c, j] = sum_{n, i} grad_out[n, o, i] xpad[n, c, i*s + j*d]
      dL/db[o]       = sum_{n, i} grad_out[n, o, i]
      dL/dxpad[n, c, i*s + j*d] += grad_out[n, o, i] w[o, c, j]   (then the padding is cut off)
    (Goodfellow et al., Deep Learning, section 9.5; the same as torch autograd).
    x (C, L) or (N, C, L); w (Cout, Cin, k); grad_out (Cout, Lo) or (N, Cout, Lo).
    """
    x3, single = batched(x, 2, "conv1d_backward")
    w = np.asarray(w)
    grad3 = np.asarray(grad_out)[None] if single else np.asarray(grad_out)
    if w.ndim != 3 or w.shape[1] != x3.shape[1]:
        raise ValueError(f"conv1d_backward: weight {w.shape} must be (Cout, {x3.shape[1]}, k) for input {x3.shape}")
    k = w.shape[2]
    pads, (_, length_out) = geometry2d(x3[:, :, None, :].shape, (1, k), (1, stride),
                                       padding if isinstance(padding, str) else (0, padding), (1, dilation),
                                       f"conv1d_backward with weight {w.shape}")
    expected = (x3.shape[0], w.shape[0], length_out)
    if grad3.shape != expected:
        raise ValueError(f"conv1d_backward: grad_out {np.shape(grad_out)} must have the output shape "
                         f"{expected[1:] if single else expected}")
    xpad = pad2d(x3[:, :, None, :], pads)[:, :, 0, :]  # (N, Cin, Lp)
    win = windows2d(xpad[:, :, None, :], (1, k), (1, stride), (1, dilation))[:, :, 0, :, 0, :]  # (N, Cin, Lo, k)
    dw = np.tensordot(grad3, win, axes=([0, 2], [0, 2]))  # (Cout, Cin, k)
    db = grad3.sum(axis=(0, 2))  # (Cout,)
    dxpad = np.zeros(xpad.shape, dtype=np.result_type(grad3.dtype, w.dtype))  # (N, Cin, Lp)
    for j in range(k):
        start = j * dilation
        stop = start + stride * (length_out - 1) + 1
        dxpad[:, :, start:stop:stride] += np.moveaxis(np.tensordot(grad3, w[:, :, j], axes=([1], [0])), 2, 1)
    left = pads[1][0]
    dx = dxpad[:, :, left:left + x3.shape[2]]  # (N, Cin, L)
    return (dx[0] if single else dx), dw, db
