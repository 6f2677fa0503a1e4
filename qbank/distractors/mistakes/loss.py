"""Modelled mistakes for the loss templates: the wrong logarithm, the other batch reduction, a flipped gradient,
the wrong base for the perplexity, an arithmetic instead of a geometric mean.

Each wrong value is the core's answer with the slip applied to its arguments (the other
reduction, the other unit, the most likely class as the label).
"""
from __future__ import annotations

import math

import numpy as np

from qbank.core.attention import softmax
from qbank.core.losses import cross_entropy, cross_entropy_grad
from qbank.core.perplexity import cross_entropy_per_token, perplexity, perplexity_from_cross_entropy
from qbank.distractors.registry import mistake
from qbank.questions.loss_softmax import logits_of

SOFTMAX_CE = "loss/softmax-cross-entropy"
OTHER_REDUCTION = {"mean": "sum", "sum": "mean"}
OTHER_UNIT = {"nats": "bits", "bits": "nats"}


def _ce(p, reduction=None, targets=None):
    targets = p["targets"] if targets is None else targets
    return cross_entropy(logits_of(p["weights"]), np.asarray(targets), reduction or p["reduction"])


@mistake(SOFTMAX_CE, "used $\\log_2$ instead of the natural logarithm", part="loss")
def _ce_bits(p):
    return _ce(p) / math.log(2)


@mistake(SOFTMAX_CE, "used the other reduction (sum for mean or mean for sum)", part="loss")
def _ce_reduction(p):
    return _ce(p, OTHER_REDUCTION[p["reduction"]])


@mistake(SOFTMAX_CE, "took the most likely class as the label", part="loss")
def _ce_argmax(p):
    guessed = np.argmax(np.asarray(p["weights"]), axis=1)
    return None if np.array_equal(guessed, p["targets"]) else _ce(p, targets=guessed)


@mistake(SOFTMAX_CE, "computed $y - p$ (the sign flipped)", part="grad")
def _grad_flipped(p):
    return -cross_entropy_grad(logits_of(p["weights"]), np.asarray(p["targets"]), p["reduction"])


@mistake(SOFTMAX_CE, "gave the probabilities $p$ without subtracting the label", part="grad")
def _grad_probs(p):
    n = len(p["targets"]) if p["reduction"] == "mean" else 1
    return softmax(logits_of(p["weights"])) / n


@mistake(SOFTMAX_CE, "used the other reduction (sum for mean or mean for sum)", part="grad")
def _grad_reduction(p):
    return cross_entropy_grad(logits_of(p["weights"]), np.asarray(p["targets"]), OTHER_REDUCTION[p["reduction"]])


def _probs(p):
    return 1.0 / np.asarray(p["denominators"], dtype=float)


@mistake("loss/perplexity", "used the other unit (bits for nats or nats for bits)", part="h")
def _h_unit(p):
    return cross_entropy_per_token(_probs(p), OTHER_UNIT[p["unit"]])


@mistake("loss/perplexity", "added the token costs without dividing by $T$", part="h")
def _h_total(p):
    return cross_entropy_per_token(_probs(p), p["unit"]) * len(p["denominators"])


@mistake("loss/perplexity", "raised the other unit's base to the cross-entropy", part="ppl")
def _ppl_base(p):
    return perplexity_from_cross_entropy(cross_entropy_per_token(_probs(p), p["unit"]), OTHER_UNIT[p["unit"]])


@mistake("loss/perplexity", "took the arithmetic mean of $1/p_t$ instead of the geometric mean", part="ppl")
def _ppl_arithmetic(p):
    return float(np.mean(p["denominators"]))


@mistake("loss/perplexity", "inverted the perplexity (the geometric mean of $p_t$)", part="ppl")
def _ppl_inverted(p):
    return 1.0 / perplexity(_probs(p))
