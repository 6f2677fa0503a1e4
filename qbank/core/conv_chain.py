"""Shapes and parameter counts through a stack of conv / pool / flatten / linear layers (no arrays computed)."""
import numpy as np

from qbank.core.conv_counts import conv2d_param_count
from qbank.core.conv_size import conv_output_size, pair

LAYERS = ("conv2d", "max_pool2d", "avg_pool2d", "flatten", "linear")
REQUIRED = {"conv2d": ("out_channels", "kernel"), "max_pool2d": ("kernel",), "avg_pool2d": ("kernel",),
            "flatten": (), "linear": ("out_features",)}


def _spatial(what, shape, kernel, stride, padding, dilation=1):
    (kh, kw), (sh, sw) = pair(kernel, "kernel"), pair(stride, "stride")
    pads = (padding, padding) if isinstance(padding, str) else pair(padding, "padding")
    try:
        return (conv_output_size(shape[-2], kh, sh, pads[0], dilation),
                conv_output_size(shape[-1], kw, sw, pads[1], dilation))
    except ValueError as exc:
        raise ValueError(f"{what} on input {tuple(shape)}: {exc}") from None


def shape_chain(input_shape, layers):
    """Each layer's output shape, weight shape and learnable-parameter count, in order.

    input_shape: (C, H, W), or (N, C, H, W) to carry a batch axis through.
    layers: dicts with "layer" in LAYERS and the torch.nn arguments:
      conv2d:     out_channels, kernel, stride=1, padding=0 (int, pair, "same", "valid"), dilation=1, bias=True
      max_pool2d, avg_pool2d: kernel, stride=kernel, padding=0
      flatten:    (C, H, W) -> (C*H*W,), batch axis kept (torch.nn.Flatten)
      linear:     out_features, bias=True; params in*out + out (torch.nn.Linear)
    Shapes follow conv_output_size (PyTorch docs of torch.nn.Conv2d / MaxPool2d).
    Returns [{"layer", "shape", "weight_shape" (None when no weight), "params"}, ...];
    shapes are channels-first, as in PyTorch.
    """
    shape = tuple(int(d) for d in input_shape)
    if len(shape) not in (3, 4) or min(shape) < 1:
        raise ValueError(f"shape_chain: input shape must be (C, H, W) or (N, C, H, W), got {tuple(input_shape)}")
    batch = shape[:1] if len(shape) == 4 else ()
    out = []
    for index, spec in enumerate(layers):
        kind, what = spec.get("layer"), f"layer {index} ({spec.get('layer')})"
        weight, params = None, 0
        if kind not in LAYERS:
            raise ValueError(f"shape_chain: {what}: unknown layer, expected one of {', '.join(LAYERS)}")
        missing = [key for key in REQUIRED[kind] if key not in spec]
        if missing:
            raise ValueError(f"shape_chain: {what} needs {', '.join(missing)}")
        if kind in LAYERS[:3] and len(shape) - len(batch) != 3:
            raise ValueError(f"shape_chain: {what} needs a (C, H, W) input, got {shape}")
        if kind == "conv2d":
            c_in, c_out = shape[-3], int(spec["out_channels"])
            kh, kw = pair(spec["kernel"], "kernel")
            size = _spatial(what, shape, (kh, kw), spec.get("stride", 1), spec.get("padding", 0),
                            spec.get("dilation", 1))
            shape, weight = batch + (c_out, *size), (c_out, c_in, kh, kw)
            params = conv2d_param_count(c_in, c_out, (kh, kw), bias=spec.get("bias", True))
        elif kind in ("max_pool2d", "avg_pool2d"):
            stride = spec["kernel"] if spec.get("stride") is None else spec["stride"]  # torch: stride=None -> kernel
            shape = batch + (shape[-3], *_spatial(what, shape, spec["kernel"], stride, spec.get("padding", 0)))
        elif kind == "flatten":
            shape = batch + (int(np.prod(shape[len(batch):])),)
        else:
            if len(shape) - len(batch) != 1:
                raise ValueError(f"shape_chain: {what} needs a flat input (add a flatten layer), got {shape}")
            d_in, d_out = shape[-1], int(spec["out_features"])
            shape, weight = batch + (d_out,), (d_out, d_in)
            params = d_in * d_out + (d_out if spec.get("bias", True) else 0)
        out.append({"layer": kind, "shape": shape, "weight_shape": weight, "params": params})
    return out
