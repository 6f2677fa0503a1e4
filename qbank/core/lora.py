"""LoRA: the trainable parameters of low-rank adapters, against full fine-tuning.

Hu et al. 2021, "LoRA: Low-rank adaptation of large language models", §4.1: a frozen weight
W_0 of shape (d_out, d_in) is adapted as W_0 + B A with B (d_out, r) and A (r, d_in), so an adapted
matrix trains r (d_in + d_out) parameters instead of d_in d_out. The transformer's adaptable matrices
(their §4.2 names): W_q, W_k, W_v, W_o of (d_model, d_model), and the feed-forward W_up (d_ff, d_model)
and W_down (d_model, d_ff). Full fine-tuning here trains every weight of the blocks, L (4 d^2 + 2 d d_ff)
(biases, LayerNorms and embeddings left out).
"""
from __future__ import annotations

from qbank.core.positive import positive_integers

MATRICES = ("W_q", "W_k", "W_v", "W_o", "W_up", "W_down")


def matrix_shape(name, d_model, d_ff):
    """(d_out, d_in) of one of the block's matrices."""
    shapes = {"W_q": (d_model, d_model), "W_k": (d_model, d_model), "W_v": (d_model, d_model),
              "W_o": (d_model, d_model), "W_up": (d_ff, d_model), "W_down": (d_model, d_ff)}
    if name not in shapes:
        raise ValueError(f"unknown matrix {name!r}; one of {', '.join(MATRICES)}")
    return shapes[name]


def lora_params(d_out, d_in, rank):
    """r (d_in + d_out): B is (d_out, r) and A is (r, d_in)."""
    positive_integers(d_out=d_out, d_in=d_in, rank=rank)
    if rank > min(d_in, d_out):
        raise ValueError(f"rank {rank} exceeds min(d_in, d_out) = {min(d_in, d_out)}: not a low-rank update")
    return int(rank) * (int(d_in) + int(d_out))


def lora_trainable(n_layers, d_model, d_ff, rank, adapted):
    """Trainable parameters when every layer adapts the matrices named in `adapted` with rank `rank`."""
    if isinstance(adapted, str):  # a bare name would be read letter by letter
        raise ValueError(f"adapted must be a list of matrix names, e.g. [\"W_q\", \"W_v\"]; got {adapted!r}")
    adapted = [str(name) for name in adapted]
    if not adapted or len(set(adapted)) != len(adapted):
        raise ValueError(f"adapted must name distinct matrices; got {adapted!r}")
    per_layer = sum(lora_params(*matrix_shape(name, d_model, d_ff), rank) for name in adapted)
    return int(n_layers) * per_layer


def full_finetune_params(n_layers, d_model, d_ff):
    """Every weight of the blocks: L (4 d^2 + 2 d d_ff)."""
    return int(n_layers) * sum(d_out * d_in for d_out, d_in in (matrix_shape(m, d_model, d_ff) for m in MATRICES))


def trainable_percent(n_layers, d_model, d_ff, rank, adapted):
    """LoRA's trainable parameters as a percentage of full fine-tuning's: 100 lora_trainable / full_finetune_params."""
    return 100 * lora_trainable(n_layers, d_model, d_ff, rank, adapted) / full_finetune_params(n_layers, d_model, d_ff)
