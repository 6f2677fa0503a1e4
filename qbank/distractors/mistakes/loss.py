"""Modelled mistakes for the loss templates: the wrong logarithm, the other batch reduction, a flipped gradient,
the wrong base for the perplexity, an arithmetic instead of a geometric mean, a contrastive loss without its
temperature or with the wrong terms in its denominator.

Each wrong value is the core's answer with the slip applied to its arguments (the other
reduction, the other unit, the most likely class as the label).
"""
from __future__ import annotations

import math

import numpy as np

from qbank.core.attention import softmax
from qbank.core.contrastive import info_nce, nt_xent, nt_xent_per_anchor, partner
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


NT_XENT = "loss/nt-xent"


def _similarities(p):
    return np.asarray(p["sim"], dtype=float)


@mistake(NT_XENT, "left out the temperature", part="anchor_loss")
def _anchor_no_temperature(p):
    return None if p["tau"] == 1 else float(nt_xent_per_anchor(_similarities(p), 1.0)[0])


@mistake(NT_XENT, "kept the anchor's own similarity in the denominator", part="anchor_loss")
def _anchor_with_self(p):
    return info_nce(_similarities(p)[0], 2, p["tau"])


@mistake(NT_XENT, "left the positive out of the denominator", part="anchor_loss")
def _anchor_negatives_only(p):
    """ln sum_negatives exp(s / tau) - s_pos / tau for anchor 1; None when that is negative (no loss is)."""
    s, tau = _similarities(p)[0], p["tau"]
    value = float(np.log(np.sum(np.exp(s[[1, 3]] / tau))) - s[2] / tau)
    return value if value > 0 else None


@mistake(NT_XENT, "left out the temperature", part="loss")
def _loss_no_temperature(p):
    return None if p["tau"] == 1 else nt_xent(_similarities(p), 1.0)


@mistake(NT_XENT, "averaged over views 1 and 2 only", part="loss")
def _loss_first_views(p):
    return float(np.mean(nt_xent_per_anchor(_similarities(p), p["tau"])[:2]))


@mistake(NT_XENT, "kept each anchor's own similarity in the denominator", part="loss")
def _loss_with_self(p):
    s = _similarities(p)
    return float(np.mean([info_nce(s[i], partner(i, 4), p["tau"]) for i in range(4)]))
