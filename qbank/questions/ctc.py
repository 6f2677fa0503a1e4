"""CTC: the alignments of a labelling, its probability, best-path (greedy) decoding and what it misses
(sequences/ctc).

The answers come from qbank.core.ctc (the forward recursion for p(y | x)); the cross-check enumerates all
3^T paths, collapses each with itertools.groupby, and sums their probabilities in exact fractions.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from qbank import Integer, Real, template
from qbank.core.ctc import alignments, best_path, labelling_probability

SYMBOLS = ["-", "a", "b"]  # index 0 is the blank
TARGETS = [(1,), (2,), (1, 2), (2, 1), (1, 1)]
FRAMES = 4
ROWS = [(a, b, 10 - a - b) for a in range(1, 9) for b in range(1, 10 - a)
        if sorted((a, b, 10 - a - b))[1] < max(a, b, 10 - a - b)]  # tenths, one most probable symbol


def _exact_paths(params):
    probs = [[Fraction(round(10 * float(v)), 10) for v in row] for row in params["probs"]]
    for path in itertools.product(range(3), repeat=len(probs)):
        label = tuple(k for k, _ in itertools.groupby(path) if k != 0)
        prob = Fraction(1)
        for t, k in enumerate(path):
            prob *= probs[t][k]
        yield path, label, prob


def _check(params, answers):
    target = tuple(int(v) for v in params["target"])
    paths = list(_exact_paths(params))
    assert answers["n_alignments"] == sum(1 for _, label, _ in paths if label == target)
    assert abs(Fraction(answers["p_target"]) - sum(p for _, label, p in paths if label == target)) < Fraction(1, 10**12)
    best, best_prob = max(((path, p) for path, _, p in paths), key=lambda c: c[1])
    assert abs(Fraction(answers["best_path"]) - best_prob) < Fraction(1, 10**12)
    greedy = tuple(k for k, _ in itertools.groupby(best) if k != 0)
    assert abs(Fraction(answers["p_greedy"]) - sum(p for _, label, p in paths if label == greedy)) < Fraction(1, 10**12)


def _spell(labels):
    return "".join(SYMBOLS[k] for k in labels) or "the empty labelling"


@template("sequences/ctc", topic="sequences", points=6, title="CTC: alignments, label probability, greedy decoding",
          question="tex/sequences/ctc.tex.j2", solution="tex/sequences/ctc-solution.tex.j2",
          answers={"n_alignments": Integer(points=1, label="number of alignments",
                                           prompt=r"The number of paths of \VAR{frames} frames that collapse to "
                                                  r"the labelling."),
                   "p_target": Real(points=2, digits=4, label="probability of the labelling",
                                    prompt=r"$p(\mathbf{y} \mid \mathbf{x})$ for the labelling."),
                   "best_path": Real(points=1, digits=4, label="probability of the best path",
                                     prompt="The probability of the best path (greedy decoding: the likeliest "
                                            "symbol in each frame); write the path and its labelling in your "
                                            "working."),
                   "p_greedy": Real(points=2, digits=4, label="probability of the greedy labelling",
                                    prompt="The probability of the labelling that greedy decoding outputs.")},
          constraints={"greedy decoding outputs a labelling other than the one asked about":
                       lambda p, a: best_path(p["probs"])[2] != tuple(int(v) for v in p["target"]),
                       "the greedy labelling has other paths than the best one (else its probability is the "
                       "best path's, asked again)": lambda p, a: a["p_greedy"] - a["best_path"] > 1e-9,
                       "the labelling has probability at least 0.01 (four decimals show two digits or more)":
                       lambda p, a: a["p_target"] >= 0.01},
          crosscheck=_check)
def ctc(rng):
    """A labelling over {a, b} and 4 frames of symbol probabilities in tenths, each frame with one likeliest symbol."""
    target = np.array(TARGETS[int(rng.integers(len(TARGETS)))])
    probs = np.array([ROWS[int(i)] for i in rng.integers(len(ROWS), size=FRAMES)]) / 10
    frames = len(probs)  # FRAMES, or the length of pinned probabilities
    path, path_prob, greedy = best_path(probs)
    target_paths = alignments(target, frames, len(SYMBOLS))
    answers = {"n_alignments": len(target_paths), "p_target": labelling_probability(probs, target),
               "best_path": path_prob, "p_greedy": labelling_probability(probs, greedy)}
    work = {"frames": frames, "symbols": SYMBOLS, "target_text": _spell(target),
            "paths": [("".join(SYMBOLS[k] for k in p), float(np.prod(probs[np.arange(frames), p])))
                      for p in target_paths],
            "greedy_path": "".join(SYMBOLS[k] for k in path), "greedy_text": _spell(greedy),
            "greedy_paths": len(alignments(greedy, frames, len(SYMBOLS)))}
    return {"target": target, "probs": probs}, answers, work
