"""Transformer compute (transformers/flops): non-embedding parameters, forward FLOPs per token, the training
compute C = 6ND, and the share of the forward compute the attention takes at the drawn context.

The answers come from qbank.core.transformer_flops; the cross-check lists the matrix products of one
token's forward pass, layer by layer, and counts their MACs in exact fractions.
"""
from __future__ import annotations

from fractions import Fraction

from qbank import Integer, Real, template
from qbank.core.positive import in_base_units
from qbank.core.transformer_flops import (
    attention_macs_per_token, attention_share, forward_flops_per_token, non_embedding_params, training_flops)

EXA = 10**18  # the training compute is asked in units of 10^18 FLOPs


def token_products(p):
    """(what, MACs) of each product in one token's forward pass: a (k -> m) projection costs k m MACs."""
    d, f, n = p["d_model"], p["d_ff"], p["n_ctx"]
    layer = [("Q, K, V projections", 3 * d * d), ("output projection", d * d), ("feed-forward in", d * f),
             ("feed-forward out", f * d), ("scores q.k over the context", n * d), ("weighted sum of values", n * d)]
    return [item for _ in range(p["n_layers"]) for item in layer]


def _check(params, answers):
    products = token_products(params)
    weights = sum(macs for what, macs in products if "context" not in what and "values" not in what)
    total = sum(macs for _, macs in products)
    fpm = params["flops_per_mac"]
    assert answers["n_params"] == weights and answers["forward_flops"] == fpm * total
    compute = Fraction(3 * fpm * weights * params["tokens_billions"] * 10**9, EXA)
    assert abs(Fraction(answers["train_compute"]) - compute) <= compute * Fraction(1, 10**9)
    assert abs(Fraction(answers["attention_share"]) - Fraction(total - weights, total)) < Fraction(1, 10**12)


@template("transformers/flops", topic="transformers", points=6, title="Forward and training FLOPs of a transformer",
          question="tex/transformers/flops.tex.j2", solution="tex/transformers/flops-solution.tex.j2",
          answers={"n_params": Integer(points=1, label="non-embedding parameters",
                                       prompt=r"The number of non-embedding parameters $N$."),
                   "forward_flops": Integer(points=2, label="forward FLOPs per token",
                                            prompt=r"The forward FLOPs for one token at context $n_{\mathrm{ctx}}$."),
                   "train_compute": Real(points=2, digits=2, label="training compute in units of 10^18 FLOPs",
                                         prompt=r"The training compute $C$ in units of $10^{18}$ FLOPs."),
                   "attention_share": Real(points=1, digits=3, label="attention share",
                                           prompt="The fraction of the forward compute that the attention over "
                                                  "the context takes.")},
          crosscheck=_check)
def flops(rng):
    """Layers, width, d_ff 2 or 4 times the width, a context, a token budget in billions, 1 or 2 FLOPs per MAC."""
    n_layers = int(rng.choice([6, 12, 24, 32, 48]))
    d_model = int(rng.choice([512, 768, 1024, 2048, 4096]))
    d_ff = int(rng.choice([2, 4])) * d_model
    n_ctx = int(rng.choice([512, 1024, 2048, 4096, 8192]))
    tokens_billions = int(rng.choice([10, 20, 50, 100, 300]))
    flops_per_mac = int(rng.choice([1, 2]))
    n_params = non_embedding_params(n_layers, d_model, d_ff)
    tokens = in_base_units("tokens_billions", tokens_billions, 10**9)
    params = {"n_layers": n_layers, "d_model": d_model, "d_ff": d_ff, "n_ctx": n_ctx,
              "tokens_billions": tokens_billions, "flops_per_mac": flops_per_mac}
    answers = {"n_params": n_params,
               "forward_flops": forward_flops_per_token(n_layers, d_model, d_ff, n_ctx, flops_per_mac),
               "train_compute": training_flops(n_params, tokens, flops_per_mac) / EXA,
               "attention_share": attention_share(n_layers, d_model, d_ff, n_ctx)}
    return params, answers, {"attention_macs": attention_macs_per_token(n_layers, d_model, n_ctx)}
