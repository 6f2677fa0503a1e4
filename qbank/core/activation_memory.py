"""Activation memory: how many values a forward pass keeps for the backward pass, and their size in bytes.

Every layer's output is stored (backpropagation needs it, or needs its input; Chen et al. 2016,
"Training Deep Nets with Sublinear Memory Cost", §3, count the outputs of every layer). One
value takes 4 bytes in fp32 and 2 in bf16 or fp16 (IEEE 754 binary32/binary16; bfloat16 keeps
fp32's 8 exponent bits in 16). MiB is 2^20 bytes, MB 10^6 (IEC 80000-13).
"""
from __future__ import annotations

import math

BYTES_PER_VALUE = {"fp32": 4, "bf16": 2, "fp16": 2}
UNITS = {"MiB": 2**20, "MB": 10**6, "GiB": 2**30, "GB": 10**9}


def activation_elements(batch, shape):
    """batch x prod(shape): the number of values one layer outputs for the batch."""
    if int(batch) != batch or batch < 1 or any(int(d) != d or d < 1 for d in shape):
        raise ValueError(f"batch and every dimension must be whole numbers >= 1, got {batch} and {tuple(shape)}")
    return int(batch) * math.prod(int(d) for d in shape)


def activation_bytes(elements, dtype):
    """elements x bytes per value of `dtype` (fp32, bf16, fp16)."""
    if dtype not in BYTES_PER_VALUE:
        raise ValueError(f"dtype must be one of {', '.join(BYTES_PER_VALUE)}, got {dtype!r}")
    return int(elements) * BYTES_PER_VALUE[dtype]


def in_unit(n_bytes, unit="MiB"):
    """A byte count in MiB, MB, GiB or GB."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")
    return n_bytes / UNITS[unit]
