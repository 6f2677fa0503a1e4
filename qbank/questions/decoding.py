"""Decoding: temperature scaling of given logits and the top-p (nucleus) set (sequences/top-p).

The answers come from qbank.core.decoding; the cross-check recomputes the probabilities with math.exp and
finds the nucleus the way Hugging Face's top-p filter does: sort ascending and drop tokens while the dropped
mass stays at most 1 - p. Draws where a running sum lands within 0.01 of p are redrawn (rounding the shown
probabilities must not change the set), and so are draws whose nucleus is one token or all of them.
"""
from __future__ import annotations

import math

import numpy as np

from qbank import Integer, Real, Vector, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.decoding import nucleus, nucleus_distribution, temperature_softmax


def _check(params, answers):
    z, T = [float(v) for v in params["logits"]], float(params["temperature"])
    weights = [math.exp(v / T) for v in z]
    probs = [w / math.fsum(weights) for w in weights]
    assert max(abs(a - b) for a, b in zip(answers["probs"], probs)) < 1e-12
    ascending = sorted(range(len(z)), key=lambda i: probs[i])
    dropped, kept = 0.0, list(ascending)
    for i in ascending:  # drop the least likely tokens while their total stays within 1 - p
        if dropped + probs[i] <= 1 - params["top_p"] + 1e-12:
            dropped += probs[i]
            kept.remove(i)
        else:
            break
    assert answers["nucleus_size"] == len(kept)
    top = max(kept, key=lambda i: probs[i])
    assert abs(answers["top_renorm"] - probs[top] / math.fsum(probs[i] for i in kept)) < 1e-12


def _clear_of_p(params, answers):
    """No running sum of the sorted probabilities lies within 0.01 of p."""
    cumulative = np.cumsum(np.sort(answers["probs"])[::-1])
    return bool(np.all(np.abs(cumulative - params["top_p"]) > 0.01))


@template("sequences/top-p", topic="sequences", points=5, title="Temperature and nucleus (top-p) sampling",
          question="tex/sequences/top-p.tex.j2", solution="tex/sequences/top-p-solution.tex.j2",
          answers={"probs": Vector(points=2, digits=3, label="probabilities at the temperature",
                                   prompt=r"The probabilities $\mathrm{softmax}(\mathbf{z} / T)$."),
                   "nucleus_size": Integer(points=2, label="size of the top-p set",
                                           prompt="The number of tokens in the top-p set (name them in your working)."),
                   "top_renorm": Real(points=1, digits=3, label="probability of sampling the likeliest token",
                                      prompt="The probability that nucleus sampling draws the likeliest token.")},
          constraints={"the logits are distinct":
                       lambda p, a: len(set(np.asarray(p["logits"]).tolist())) == len(p["logits"]),
                       "no running sum is within 0.01 of p": _clear_of_p,
                       "the top-p set has more than one token and leaves at least one out":
                       lambda p, a: 1 < a["nucleus_size"] < len(p["logits"]),
                       # at T = 0.5 a logit 6 below the top has probability e^-12 / ..., printed 0.000
                       "no probability ties or prints as 0": keys_print_cleanly({"probs": 3, "top_renorm": 3})},
          crosscheck=_check)
def top_p(rng):
    """Five distinct whole logits in [-2, 4], a temperature of 0.5, 1 or 2, and p in {0.5, 0.75, 0.8, 0.9}."""
    logits = rng.choice(np.arange(-2, 5), size=5, replace=False)
    temperature = float(rng.choice([0.5, 1.0, 2.0]))
    top_p = float(rng.choice([0.5, 0.75, 0.8, 0.9]))
    probs = temperature_softmax(logits, temperature)
    keep = nucleus(probs, top_p)
    answers = {"probs": probs, "nucleus_size": len(keep),
               "top_renorm": float(np.max(nucleus_distribution(probs, top_p)))}
    order = np.argsort(-probs, kind="stable")
    work = {"scaled": np.asarray(logits) / temperature, "order": [int(i) + 1 for i in order],
            "sorted_probs": probs[order], "cumulative": np.cumsum(probs[order]), "kept": [int(i) + 1 for i in keep],
            "kept_mass": float(np.sum(probs[keep]))}
    return {"logits": logits, "temperature": temperature, "top_p": top_p}, answers, work
