"""Memory of training state: weights, gradients and optimizer state per parameter, and the largest batch that fits.

Bytes per parameter (Rajbhandari et al. 2020, "ZeRO", §3.1, for Adam; SGD follows the same bookkeeping):
in fp32 the weights and the gradients take 4 bytes each; in mixed precision (Micikevicius et al. 2018) they
are fp16/bf16, 2 bytes each, and the optimizer also keeps an fp32 master copy of the weights, 4 bytes.
The optimizer state is fp32 in both: SGD without momentum keeps none, SGD with momentum one buffer (4),
Adam and AdamW two moments (8; AdamW's decoupled weight decay needs no extra state, Loshchilov & Hutter 2019).
Mixed-precision Adam therefore costs 2 + 2 + 12 = 16 bytes per parameter, as ZeRO states.
Activations are given per example; the batch that fits is the whole number of examples whose activations fit
beside the training state.
"""
from __future__ import annotations

import math

OPTIMIZER_STATE = {"sgd": 0, "sgd-momentum": 4, "adam": 8, "adamw": 8}  # fp32 bytes per parameter
PRECISIONS = ("fp32", "mixed")


def bytes_per_param(optimizer, precision):
    """{"weights", "grads", "master", "optimizer", "total"} bytes per parameter."""
    if optimizer not in OPTIMIZER_STATE:
        raise ValueError(f"unknown optimizer {optimizer!r}; one of {', '.join(OPTIMIZER_STATE)}")
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; one of {', '.join(PRECISIONS)}")
    half = precision == "mixed"
    parts = {"weights": 2 if half else 4, "grads": 2 if half else 4, "master": 4 if half else 0,
             "optimizer": OPTIMIZER_STATE[optimizer]}
    return {**parts, "total": sum(parts.values())}


def training_state_bytes(n_params, optimizer, precision):
    """Bytes of weights, gradients, master weights and optimizer state for n_params parameters."""
    if n_params <= 0:
        raise ValueError(f"n_params must be positive; got {n_params}")
    return n_params * bytes_per_param(optimizer, precision)["total"]


def largest_batch(memory_bytes, state_bytes, activation_bytes_per_example):
    """floor((memory - state) / activations per example); ValueError when not even one example fits."""
    if activation_bytes_per_example <= 0:
        raise ValueError("the activations per example must be positive")
    batch = math.floor((memory_bytes - state_bytes) / activation_bytes_per_example)
    if batch < 1:
        raise ValueError(f"the training state ({state_bytes} bytes) leaves no room for one example "
                         f"in {memory_bytes} bytes")
    return batch
