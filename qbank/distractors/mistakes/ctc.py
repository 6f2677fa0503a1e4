"""Modelled mistakes for CTC (sequences/ctc).

The key (qbank.core.ctc): every path whose collapse (merge repeats, then drop blanks) is the labelling, and
p(y | x) their summed probabilities; best-path decoding and the probability of its labelling.
The slips: only the paths that pad the labels with blanks (no repeated labels), the label positions counted as
a choice of frames, the best alignment taken for the sum; the best path's probability for its labelling's
and the other way round.
"""
from __future__ import annotations

import math

import numpy as np

from qbank.core.ctc import alignments, best_path, labelling_probability
from qbank.distractors.registry import mistake
from qbank.questions.ctc import SYMBOLS

ID = "sequences/ctc"


def _frames(p):
    return len(p["probs"])  # the template's FRAMES, or a pinned table's length


def _paths(p, labels):
    return alignments(labels, _frames(p), len(SYMBOLS))


def _blank_padded(p, labels):
    """The paths with each label in exactly one frame and blanks in the others."""
    return [path for path in _paths(p, labels) if sum(1 for s in path if s != 0) == len(labels)]


def _prob(p, path):
    probs = np.asarray(p["probs"], dtype=float)
    return float(np.prod(probs[np.arange(_frames(p)), list(path)]))


def _target(p):
    return tuple(int(v) for v in p["target"])


mistake(ID, "counted only the paths that pad the labels with blanks", part="n_alignments")(
    lambda p: len(_blank_padded(p, _target(p))))
mistake(ID, "counted the ways to choose the frames of the labels", part="n_alignments")(
    lambda p: math.comb(_frames(p), len(_target(p))))

mistake(ID, "took the best alignment instead of the sum over all", part="p_target")(
    lambda p: max(_prob(p, path) for path in _paths(p, _target(p))))
mistake(ID, "summed only the paths that pad the labels with blanks", part="p_target")(
    lambda p: sum(_prob(p, path) for path in _blank_padded(p, _target(p))))

mistake(ID, "gave the probability of the labelling it collapses to", part="best_path")(
    lambda p: labelling_probability(p["probs"], best_path(p["probs"])[2]))
mistake(ID, "gave the probability of the labelling asked about", part="best_path")(
    lambda p: labelling_probability(p["probs"], _target(p)))

mistake(ID, "gave the best path's probability", part="p_greedy")(lambda p: best_path(p["probs"])[1])
mistake(ID, "summed only the paths that pad the labels with blanks", part="p_greedy")(
    lambda p: sum(_prob(p, path) for path in _blank_padded(p, best_path(p["probs"])[2])))
