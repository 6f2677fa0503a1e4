"""Memory of the key-value cache of autoregressive decoding, with multi-head, grouped-query and multi-query attention.

While generating, each layer keeps the keys and the values of every earlier position so that they are not
recomputed (Pope et al. 2022, "Efficiently scaling transformer inference", §2.1). Each KV head stores a key
and a value of head_dim entries per position and sequence, so the cache holds
2 * n_layers * n_kv_heads * head_dim * context * batch values. Multi-head attention has one KV head per
query head; grouped-query attention (Ainslie et al. 2023) shares each KV head among a group of query heads,
and multi-query attention (Shazeer 2019) keeps a single one, dividing the cache by n_heads / n_kv_heads.
"""
from __future__ import annotations

from qbank.core.positive import positive_integers
from qbank.core.transformer_params import BYTES_PER_VALUE


def kv_values_per_token(n_layers, n_kv_heads, head_dim):
    """Values cached for one position of one sequence: a key and a value per layer and KV head."""
    positive_integers(n_layers=n_layers, n_kv_heads=n_kv_heads, head_dim=head_dim)
    return 2 * int(n_layers) * int(n_kv_heads) * int(head_dim)


def kv_cache_bytes(n_layers, n_kv_heads, head_dim, context, batch, dtype):
    """Bytes of the whole cache: values per token * context * batch * bytes per value of `dtype`."""
    positive_integers(context=context, batch=batch)
    if dtype not in BYTES_PER_VALUE:
        raise ValueError(f"unknown dtype {dtype!r}; one of {', '.join(BYTES_PER_VALUE)}")
    return kv_values_per_token(n_layers, n_kv_heads, head_dim) * int(context) * int(batch) * BYTES_PER_VALUE[dtype]


def query_groups(n_heads, n_kv_heads):
    """Query heads per KV head (n_heads / n_kv_heads): 1 is multi-head attention, n_heads multi-query."""
    positive_integers(n_heads=n_heads, n_kv_heads=n_kv_heads)
    if n_heads % n_kv_heads:
        raise ValueError(f"n_heads={n_heads} is not a multiple of n_kv_heads={n_kv_heads}")
    return int(n_heads) // int(n_kv_heads)
