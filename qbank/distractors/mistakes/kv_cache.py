"""Modelled mistakes for the KV-cache size (transformers/kv-cache).

The key (qbank.core.kv_cache): 2 L n_kv d_head bytes-per-value per position, times context and batch.
The slips: the keys or the values forgotten (no factor 2), the query heads counted instead of the shared KV
heads, the batch forgotten, bits for bytes, GB (10^9) for GiB, the grouping applied the wrong way.
"""
from __future__ import annotations

from qbank.core.kv_cache import kv_cache_bytes, kv_values_per_token
from qbank.core.transformer_params import BYTES_PER_VALUE
from qbank.distractors.registry import mistake
from qbank.questions.kv_cache import GIB

ID = "transformers/kv-cache"


def _cache(p, heads=None, batch=None):
    return kv_cache_bytes(p["n_layers"], p["n_kv_heads"] if heads is None else heads, p["head_dim"], p["context"],
                          p["batch"] if batch is None else batch, p["dtype"])


def _per_token(p, heads):
    return kv_values_per_token(p["n_layers"], heads, p["head_dim"]) * BYTES_PER_VALUE[p["dtype"]]


mistake(ID, "stored the keys but not the values", part="bytes_per_token")(lambda p: _per_token(p, p["n_kv_heads"]) // 2)
mistake(ID, "counted every query head instead of the shared key and value heads", part="bytes_per_token")(
    lambda p: _per_token(p, p["n_heads"]))
mistake(ID, "counted bits instead of bytes", part="bytes_per_token")(lambda p: 8 * _per_token(p, p["n_kv_heads"]))

mistake(ID, "stored the keys but not the values", part="cache_gib")(lambda p: _cache(p) / 2 / GIB)
mistake(ID, "counted every query head instead of the shared key and value heads", part="cache_gib")(
    lambda p: _cache(p, heads=p["n_heads"]) / GIB)
mistake(ID, "forgot the batch", part="cache_gib")(lambda p: _cache(p, batch=1) / GIB)
mistake(ID, "divided by 10 to the 9 (GB) instead of 2 to the 30", part="cache_gib")(lambda p: _cache(p) / 10**9)

mistake(ID, "kept the shared key and value heads", part="mha_cache_gib")(lambda p: _cache(p) / GIB)
mistake(ID, "divided by the group size instead of multiplying", part="mha_cache_gib")(
    lambda p: _cache(p) * p["n_kv_heads"] / p["n_heads"] / GIB)
mistake(ID, "divided by 10 to the 9 (GB) instead of 2 to the 30", part="mha_cache_gib")(
    lambda p: _cache(p, heads=p["n_heads"]) / 10**9)
