"""Perplexity template: cross-entropy per token (nats or bits) and perplexity of a sentence, and of a uniform model.

Every probability is 1/2^k, so the cross-entropy in bits is a short decimal (k summed over
T tokens, divided by T); the unit the answer is asked in is drawn and stated.
"""
from __future__ import annotations

import numpy as np

from qbank import Integer, Real, template
from qbank.core.perplexity import (
    cross_entropy_per_token, perplexity, perplexity_from_cross_entropy, uniform_cross_entropy, uniform_perplexity)
from qbank.lazy import sympy

UNITS = ("nats", "bits")
VOCABS = (10, 1000, 8192, 32000, 50257, 65536)


def _check(params, answers):
    """In sympy: H_bits = sum log2(d_t) / T exactly, H_nats = H_bits ln 2, PP = (prod d_t)^(1/T), uniform PP = V."""
    d = [sympy.Integer(int(v)) for v in params["denominators"]]
    h_bits = sum(sympy.log(v, 2) for v in d) / len(d)
    h = h_bits if params["unit"] == "bits" else h_bits * sympy.log(2)
    assert abs(answers["h"] - float(h)) < 1e-12, (answers["h"], h)
    assert abs(answers["ppl"] - float(sympy.prod(d) ** sympy.Rational(1, len(d)))) < 1e-9
    v = sympy.Integer(int(params["vocab"]))
    assert abs(answers["h_uniform"] - float(sympy.log(v, 2) if params["unit"] == "bits" else sympy.log(v))) < 1e-12
    assert answers["uniform_ppl"] == v


@template("loss/perplexity", topic="loss", points=5, title="Perplexity from the cross-entropy",
          question="tex/loss/perplexity.tex.j2", solution="tex/loss/perplexity-solution.tex.j2",
          answers={"h": Real(points=2, digits=4, label="cross-entropy per token",
                             prompt=r"The model's cross-entropy per token $H$ on this sentence, in the stated unit."),
                   "ppl": Real(points=1, digits=4, label="perplexity",
                               prompt=r"The model's perplexity on this sentence."),
                   "h_uniform": Real(points=1, digits=4, label="uniform cross-entropy",
                                     prompt=r"The cross-entropy per token of a model that is uniform over the "
                                            r"vocabulary, in the same unit."),
                   "uniform_ppl": Integer(points=1, label="uniform perplexity",
                                          prompt=r"The perplexity of that uniform model.")},
          constraints={"the probabilities are not all equal": lambda p, a: len(set(np.asarray(
              p["denominators"]).tolist())) > 1},
          crosscheck=_check)
def perplexity_question(rng):
    """T tokens with probabilities 1/2^k (k = 1..5), a unit, and a vocabulary size for the uniform model."""
    tokens = int(rng.choice([4, 5, 8]))
    denominators = 2 ** rng.integers(1, 6, size=tokens)
    unit = str(rng.choice(UNITS))
    vocab = int(rng.choice(VOCABS))
    probs = 1.0 / np.asarray(denominators, dtype=float)
    h = cross_entropy_per_token(probs, unit)
    answers = {"h": h, "ppl": perplexity(probs), "h_uniform": uniform_cross_entropy(vocab, unit),
               "uniform_ppl": int(round(uniform_perplexity(vocab)))}
    work = {"bits": np.log2(np.asarray(denominators, dtype=float)), "h_bits": cross_entropy_per_token(probs, "bits"),
            "same_ppl": perplexity_from_cross_entropy(h, unit)}
    return {"denominators": denominators, "unit": unit, "vocab": vocab}, answers, work
