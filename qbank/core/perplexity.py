"""Perplexity of a language model on a token sequence, from its per-token cross-entropy.

For the probabilities p_1..p_T the model gave the T observed tokens,
    H = -(1/T) sum_t log p_t                (nats with ln, bits with log2)
    PP = exp(H_nats) = 2^(H_bits) = (prod_t p_t)^(-1/T)
(Jurafsky & Martin, Speech and Language Processing, 3rd ed., §3.3 "Evaluating
language models: perplexity", and §3.7 on perplexity's relation to entropy). A
model that is uniform over a vocabulary of V tokens has H = log V and PP = V.
"""
from __future__ import annotations

import numpy as np

UNITS = {"nats": np.log, "bits": np.log2}
BASES = {"nats": np.e, "bits": 2.0}


def _unit(unit):
    if unit not in UNITS:
        raise ValueError(f"unit must be 'nats' or 'bits', got {unit!r}")
    return unit


def cross_entropy_per_token(probs, unit="nats"):
    """-(1/T) sum_t log p_t in `unit`; probs are the probabilities of the observed tokens, each in (0, 1]."""
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 1 or probs.size == 0 or np.any((probs <= 0) | (probs > 1)):
        raise ValueError(f"probs must be a non-empty vector of probabilities in (0, 1], got {probs}")
    return float(-np.mean(UNITS[_unit(unit)](probs)))


def perplexity_from_cross_entropy(h, unit="nats"):
    """base^H: e^H for H in nats, 2^H for H in bits (the same perplexity either way)."""
    return float(BASES[_unit(unit)] ** h)


def perplexity(probs):
    """The perplexity of a sequence: exp of the mean negative log-probability per token."""
    return perplexity_from_cross_entropy(cross_entropy_per_token(probs, "nats"), "nats")


def uniform_cross_entropy(vocab, unit="nats"):
    """log V in `unit`: the cross-entropy of a model that gives every one of V tokens probability 1/V."""
    if int(vocab) != vocab or vocab < 1:
        raise ValueError(f"vocab must be a positive whole number, got {vocab!r}")
    return float(UNITS[_unit(unit)](float(vocab)))


def uniform_perplexity(vocab):
    """V: the perplexity of the uniform model over V tokens, whatever the text."""
    return perplexity_from_cross_entropy(uniform_cross_entropy(vocab, "nats"), "nats")
