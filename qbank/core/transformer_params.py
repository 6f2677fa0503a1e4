"""Parameter counts of a transformer language model, and the memory its weights take.

The model (GPT-2's layout, Radford et al. 2019, §2.3): a token embedding (V, d), a learned position
embedding (n_ctx, d), L blocks, a final LayerNorm, and an output projection (d, V) without bias that is
either tied to the token embedding (shares its matrix, Press & Wolf 2017) or a separate matrix.
A block is torch.nn.TransformerEncoderLayer(d, heads, d_ff): multi-head attention with four (d, d)
projections (Vaswani et al. 2017, §3.2.2), a feed-forward layer d -> d_ff -> d (§3.3) and two LayerNorms
(Ba et al. 2016) with a gain and a shift of d entries each. With bias=False every Linear and LayerNorm
drops its bias, as torch's `bias` argument does. The number of heads does not change any count.
"""
from __future__ import annotations

from qbank.core.positive import flags, positive_integers

BYTES_PER_VALUE = {"fp32": 4, "fp16": 2, "bf16": 2, "int8": 1}  # IEEE 754 binary32/16, bfloat16, 8-bit integers


def block_param_count(d_model, d_ff, bias=True):
    """One block: attention 4 d^2 (+ 4 d biases), feed-forward 2 d d_ff (+ d_ff + d biases), two LayerNorms
    2 d each (d without the shift): 4 d^2 + 2 d d_ff + 9 d + d_ff with biases, 4 d^2 + 2 d d_ff + 2 d without."""
    positive_integers(d_model=d_model, d_ff=d_ff)
    d, f = int(d_model), int(d_ff)
    attention = 4 * d * d + (4 * d if bias else 0)
    feed_forward = 2 * d * f + (f + d if bias else 0)
    norms = 2 * (2 * d if bias else d)
    return attention + feed_forward + norms


def embedding_param_count(vocab, d_model, n_ctx, tied):
    """Token embedding V d, position embedding n_ctx d, and the output projection d V unless tied to the tokens."""
    positive_integers(vocab=vocab, d_model=d_model, n_ctx=n_ctx)
    tokens = int(vocab) * int(d_model)
    return tokens + int(n_ctx) * int(d_model) + (0 if tied else tokens)


def transformer_param_count(vocab, n_layers, d_model, d_ff, n_ctx, tied=True, bias=True):
    """All parameters: embeddings, L blocks, the final LayerNorm (2 d, or d without bias)."""
    flags(tied=tied, bias=bias)
    positive_integers(n_layers=n_layers)
    final_norm = 2 * int(d_model) if bias else int(d_model)
    return (embedding_param_count(vocab, d_model, n_ctx, tied) + int(n_layers) * block_param_count(d_model, d_ff, bias)
            + final_norm)


def weight_bytes(n_params, dtype):
    """Bytes to store n_params values of `dtype` (fp32 4, fp16/bf16 2, int8 1)."""
    if dtype not in BYTES_PER_VALUE:
        raise ValueError(f"unknown dtype {dtype!r}; one of {', '.join(BYTES_PER_VALUE)}")
    return int(n_params) * BYTES_PER_VALUE[dtype]
