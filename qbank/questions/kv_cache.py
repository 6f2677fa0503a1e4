"""KV-cache memory of autoregressive decoding with grouped-query attention (transformers/kv-cache).

The answers come from qbank.core.kv_cache; the cross-check allocates the cache tensor by tensor
(one key and one value tensor of (batch, n_kv_heads, context, head_dim) per layer, as Hugging Face
caches are laid out) and sums their sizes in exact fractions of a GiB.
"""
from __future__ import annotations

from fractions import Fraction

from qbank import Integer, Real, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.kv_cache import kv_cache_bytes, kv_values_per_token, query_groups
from qbank.core.transformer_params import BYTES_PER_VALUE

GIB = 2**30


def _cache_tensors(p, n_kv_heads):
    return [(p["batch"], n_kv_heads, p["context"], p["head_dim"])] * (2 * p["n_layers"])


def _check(params, answers):
    size = BYTES_PER_VALUE[params["dtype"]]
    for name, heads in (("cache_gib", params["n_kv_heads"]), ("mha_cache_gib", params["n_heads"])):
        total = sum(b * h * t * e for b, h, t, e in _cache_tensors(params, heads)) * size
        assert abs(Fraction(answers[name]) - Fraction(total, GIB)) < Fraction(1, 10**9), name
    assert answers["bytes_per_token"] == 2 * params["n_layers"] * params["n_kv_heads"] * params["head_dim"] * size


@template("transformers/kv-cache", topic="transformers", points=5, title="KV-cache memory with grouped-query attention",
          question="tex/transformers/kv-cache.tex.j2", solution="tex/transformers/kv-cache-solution.tex.j2",
          answers={"bytes_per_token": Integer(points=2, label="cache bytes per token",
                                              prompt="The bytes the cache holds per position of one sequence."),
                   "cache_gib": Real(points=2, digits=3, label="cache size in GiB",
                                     prompt=r"The size of the whole cache in GiB ($2^{30}$ bytes)."),
                   "mha_cache_gib": Real(points=1, digits=3, label="cache size with multi-head attention",
                                         prompt="The size in GiB if every query head had its own key and value "
                                                "head (multi-head attention).")},
          constraints={"the model shares KV heads (grouped-query or multi-query)":
                       lambda p, a: p["n_kv_heads"] < p["n_heads"],
                       "the cache is at least 0.1 GiB (three decimals show it to two digits or more)":
                       lambda p, a: a["cache_gib"] >= 0.1,
                       # bytes / 2^30 is a dyadic fraction, often exactly halfway at 3 decimals (0.0625)
                       "no size is halfway at 3 decimals": keys_print_cleanly({"cache_gib": 3, "mha_cache_gib": 3})},
          crosscheck=_check)
def kv_cache(rng):
    """A decoder with h query heads of head_dim, n_kv_heads a proper divisor of h, a context, a batch and a dtype."""
    n_layers = int(rng.choice([24, 32, 40, 48, 80]))
    n_heads = int(rng.choice([16, 32, 64]))
    n_kv_heads = int(rng.choice([1, 2, 4, 8]))
    head_dim = int(rng.choice([64, 128]))
    context = int(rng.choice([2048, 4096, 8192, 32768]))
    batch = int(rng.choice([1, 4, 8, 16, 32]))
    dtype = str(rng.choice(["fp16", "bf16", "fp32", "int8"]))
    groups = query_groups(n_heads, n_kv_heads)
    per_token = kv_values_per_token(n_layers, n_kv_heads, head_dim) * BYTES_PER_VALUE[dtype]
    params = {"n_layers": n_layers, "n_heads": n_heads, "n_kv_heads": n_kv_heads, "head_dim": head_dim,
              "context": context, "batch": batch, "dtype": dtype}
    answers = {"bytes_per_token": per_token,
               "cache_gib": kv_cache_bytes(n_layers, n_kv_heads, head_dim, context, batch, dtype) / GIB,
               "mha_cache_gib": kv_cache_bytes(n_layers, n_heads, head_dim, context, batch, dtype) / GIB}
    return params, answers, {"groups": groups, "bytes_per_value": BYTES_PER_VALUE[dtype]}
