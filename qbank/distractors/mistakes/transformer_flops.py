"""Modelled mistakes for transformer compute (transformers/flops).

The key (qbank.core.transformer_flops): N = L (4 d^2 + 2 d d_ff); forward FLOPs per token
fpm (N + 2 L n_ctx d); training C = 3 fpm N D; attention share 2 L n_ctx d / (N + 2 L n_ctx d).
The slips: d_ff assumed 4 d (N = 12 L d^2 from memory), the feed-forward forgotten, the other FLOPs-per-MAC
convention, the attention over the context left out or counted once, forward-only training compute,
the share taken relative to N instead of the total.
"""
from __future__ import annotations

from qbank.core.transformer_flops import (
    attention_macs_per_token, attention_share, forward_flops_per_token, non_embedding_params, training_flops)
from qbank.distractors.registry import mistake
from qbank.questions.transformer_flops import EXA

ID = "transformers/flops"


def _n(p, d_ff=None):
    return non_embedding_params(p["n_layers"], p["d_model"], p["d_ff"] if d_ff is None else d_ff)


def _other(fpm):
    return 3 - fpm  # 1 <-> 2


def _forward(p, **change):
    q = {"flops_per_mac": p["flops_per_mac"], "products": 2, **change}
    return forward_flops_per_token(p["n_layers"], p["d_model"], p["d_ff"], p["n_ctx"], q["flops_per_mac"],
                                   q["products"])


def _attention(p, products=2):
    return attention_macs_per_token(p["n_layers"], p["d_model"], p["n_ctx"], products)


mistake(ID, "used 12 L d squared, which assumes a feed-forward width of 4 d", part="n_params")(
    lambda p: _n(p, 4 * p["d_model"]))
mistake(ID, "left out the feed-forward weights", part="n_params")(lambda p: 4 * p["n_layers"] * p["d_model"] ** 2)
mistake(ID, "counted one feed-forward matrix only", part="n_params")(
    lambda p: p["n_layers"] * (4 * p["d_model"] ** 2 + p["d_model"] * p["d_ff"]))

mistake(ID, "used the other FLOPs-per-MAC convention", part="forward_flops")(
    lambda p: _forward(p, flops_per_mac=_other(p["flops_per_mac"])))
mistake(ID, "left out the attention over the context", part="forward_flops")(
    lambda p: p["flops_per_mac"] * _n(p))
mistake(ID, "counted the score product but not the weighted sum of the values", part="forward_flops")(
    lambda p: _forward(p, products=1))

mistake(ID, "counted the forward pass only", part="train_compute")(
    lambda p: training_flops(_n(p), p["tokens_billions"] * 10**9, p["flops_per_mac"]) / 3 / EXA)
mistake(ID, "used the other FLOPs-per-MAC convention", part="train_compute")(
    lambda p: training_flops(_n(p), p["tokens_billions"] * 10**9, _other(p["flops_per_mac"])) / EXA)
mistake(ID, "counted the backward pass as costly as the forward pass", part="train_compute")(
    lambda p: 2 * training_flops(_n(p), p["tokens_billions"] * 10**9, p["flops_per_mac"]) / 3 / EXA)

mistake(ID, "divided the attention by N instead of by the total", part="attention_share")(
    lambda p: _attention(p) / _n(p))
mistake(ID, "counted the score product but not the weighted sum of the values", part="attention_share")(
    lambda p: attention_share(p["n_layers"], p["d_model"], p["d_ff"], p["n_ctx"], products=1))
mistake(ID, "gave the share of the weights instead of the attention", part="attention_share")(
    lambda p: 1 - attention_share(p["n_layers"], p["d_model"], p["d_ff"], p["n_ctx"]))
