"""Modelled mistakes for the parameter count of a transformer (transformers/param-count).

The count (qbank.core.transformer_params): one block holds 4 d^2 attention weights, 2 d d_ff feed-forward
weights and two LayerNorms, plus biases when the model has them; the model adds the token and position
embeddings, the final LayerNorm and, unless tied, an output matrix. The slips: one set of projections per
head at full width, d_ff taken as d_model, the LayerNorms or biases forgotten, tying misread, the position
embedding left out; for the memory, bits for bytes, the other precision, MiB for MB.
"""
from __future__ import annotations

from qbank.core.transformer_params import block_param_count, transformer_param_count, weight_bytes
from qbank.distractors.registry import mistake
from qbank.questions.transformer_params import MB

ID = "transformers/param-count"


def _total(p, **change):
    q = {**p, **change}
    return transformer_param_count(q["vocab"], q["n_layers"], q["d_model"], q["d_ff"], q["n_ctx"], q["tied"], q["bias"])


def _heads_full_width(p):
    """Each head given its own d_model x d_model Q, K, V projections."""
    return block_param_count(p["d_model"], p["d_ff"], p["bias"]) + 3 * (p["n_heads"] - 1) * p["d_model"] ** 2


def _without_norms(p):
    d = p["d_model"]
    return block_param_count(d, p["d_ff"], p["bias"]) - (4 * d if p["bias"] else 2 * d)


mistake(ID, "gave every head its own full-width query, key and value projections", part="block")(_heads_full_width)
mistake(ID, "took the feed-forward width to be the model width", part="block")(
    lambda p: block_param_count(p["d_model"], p["d_model"], p["bias"]))
mistake(ID, "forgot the LayerNorm parameters", part="block")(_without_norms)
mistake(ID, "counted biases the model lacks, or left out those it has", part="block")(
    lambda p: block_param_count(p["d_model"], p["d_ff"], not p["bias"]))

mistake(ID, "got the tying of the output projection the wrong way round", part="total")(
    lambda p: _total(p, tied=not p["tied"]))
mistake(ID, "left out the position embedding", part="total")(lambda p: _total(p) - p["n_ctx"] * p["d_model"])
mistake(ID, "counted the blocks only", part="total")(
    lambda p: p["n_layers"] * block_param_count(p["d_model"], p["d_ff"], p["bias"]))
mistake(ID, "counted biases the model lacks, or left out those it has", part="total")(
    lambda p: _total(p, bias=not p["bias"]))

mistake(ID, "counted bits instead of bytes", part="memory_mb")(lambda p: 8 * weight_bytes(_total(p), p["dtype"]) / MB)
mistake(ID, "used the other precision", part="memory_mb")(
    lambda p: weight_bytes(_total(p), "fp32" if p["dtype"] == "bf16" else "bf16") / MB)
mistake(ID, "divided by 2 to the 20 (MiB) instead of 10 to the 6", part="memory_mb")(
    lambda p: weight_bytes(_total(p), p["dtype"]) / 2**20)
