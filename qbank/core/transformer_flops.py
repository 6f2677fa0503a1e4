"""Compute of a transformer: forward FLOPs per token, training compute, the attention share.

Convention (Kaplan et al. 2020, "Scaling laws for neural language models", §2.1 and Table 1): N is the
number of non-embedding weights, 2 d_model n_layer (2 d_attn + d_ff) with d_attn = d_model, i.e.
L (4 d^2 + 2 d d_ff), biases and LayerNorms left out; a token's forward pass costs one multiply-accumulate
(MAC) per weight, N MACs, plus the attention over a context of n_ctx earlier positions. That attention
costs n_ctx d MACs per layer for the scores q.k and n_ctx d for the weighted sum of the values (counted
both, as Hoffmann et al. 2022, Appendix F; Kaplan's Table 1 lists the score product only: products=1).
Training costs three forward passes per token (the backward pass twice the forward, Kaplan §2.1), so
C = 3 N D MACs = 6 N D FLOPs at 2 FLOPs per MAC. Embeddings and softmax are left out, as in both sources.
"""
from __future__ import annotations

from qbank.core.positive import positive_integers


def _flops_per_mac(flops_per_mac):
    if flops_per_mac not in (1, 2):
        raise ValueError(f"flops_per_mac must be 1 or 2; got {flops_per_mac}")
    return int(flops_per_mac)


def non_embedding_params(n_layers, d_model, d_ff):
    """Kaplan's N = L (4 d^2 + 2 d d_ff): the attention and feed-forward weights (12 L d^2 when d_ff = 4 d)."""
    positive_integers(n_layers=n_layers, d_model=d_model, d_ff=d_ff)
    return int(n_layers) * (4 * int(d_model) ** 2 + 2 * int(d_model) * int(d_ff))


def attention_macs_per_token(n_layers, d_model, n_ctx, products=2):
    """MACs of the attention itself for one token attending to n_ctx positions: products * L * n_ctx * d."""
    positive_integers(n_layers=n_layers, d_model=d_model, n_ctx=n_ctx)
    if products not in (1, 2):
        raise ValueError(f"products must be 1 (scores only, Kaplan) or 2 (scores and values); got {products}")
    return int(products) * int(n_layers) * int(n_ctx) * int(d_model)


def forward_flops_per_token(n_layers, d_model, d_ff, n_ctx, flops_per_mac=2, products=2):
    """flops_per_mac * (N + attention MACs): 2 N + 4 L n_ctx d at Kaplan's 2 FLOPs per MAC with both products."""
    macs = non_embedding_params(n_layers, d_model, d_ff) + attention_macs_per_token(n_layers, d_model, n_ctx, products)
    return _flops_per_mac(flops_per_mac) * macs


def training_flops(n_params, n_tokens, flops_per_mac=2):
    """C = 3 flops_per_mac N D: forward plus a backward of twice its cost, per token (6 N D, Kaplan §2.1)."""
    if n_params <= 0 or n_tokens <= 0:
        raise ValueError(f"n_params and n_tokens must be positive; got {n_params}, {n_tokens}")
    return 3 * _flops_per_mac(flops_per_mac) * n_params * n_tokens


def attention_share(n_layers, d_model, d_ff, n_ctx, products=2):
    """The fraction of a token's forward compute spent in the attention itself (any FLOPs-per-MAC convention):
    products L n_ctx d / (N + products L n_ctx d), which grows toward 1 as the context grows."""
    attention = attention_macs_per_token(n_layers, d_model, n_ctx, products)
    return attention / (non_embedding_params(n_layers, d_model, d_ff) + attention)
