"""Modelled mistakes for temperature and nucleus sampling (sequences/top-p).

The key (qbank.core.decoding): softmax(z / T); the smallest most-probable set with mass at least p; the
probabilities renormalized over it. The slips: z multiplied by T, the temperature ignored; the last token that
reaches p left out, one token too many, the set found from the untempered probabilities; no renormalization.
"""
from __future__ import annotations

import numpy as np

from qbank.core.decoding import nucleus, nucleus_distribution, temperature_softmax
from qbank.distractors.registry import mistake

ID = "sequences/top-p"


def _probs(p, temperature=None):
    return temperature_softmax(p["logits"], p["temperature"] if temperature is None else temperature)


mistake(ID, "multiplied the logits by T instead of dividing", part="probs")(
    lambda p: temperature_softmax(np.asarray(p["logits"], dtype=float) * p["temperature"], 1.0))
mistake(ID, "ignored the temperature", part="probs")(lambda p: _probs(p, 1.0) if p["temperature"] != 1 else None)

mistake(ID, "stopped before the running sum reached p", part="nucleus_size")(
    lambda p: len(nucleus(_probs(p), p["top_p"])) - 1)
mistake(ID, "kept one token more than needed", part="nucleus_size")(lambda p: len(nucleus(_probs(p), p["top_p"])) + 1)
mistake(ID, "ignored the temperature", part="nucleus_size")(
    lambda p: len(nucleus(_probs(p, 1.0), p["top_p"])) if p["temperature"] != 1 else None)

mistake(ID, "did not renormalize", part="top_renorm")(lambda p: float(np.max(_probs(p))))
mistake(ID, "ignored the temperature", part="top_renorm")(
    lambda p: float(np.max(nucleus_distribution(_probs(p, 1.0), p["top_p"]))) if p["temperature"] != 1 else None)
mistake(ID, "divided by p instead of the kept mass", part="top_renorm")(
    lambda p: float(np.max(_probs(p))) / p["top_p"] if np.max(_probs(p)) < p["top_p"] else None)
