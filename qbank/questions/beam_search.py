"""Beam search on a next-token probability table: the beam after two steps, the beam's result, greedy decoding's
and the most probable sequence (sequences/beam-search).

The answers come from qbank.core.beam_search; the cross-check scores all V^T sequences in exact fractions
and replays the beam as "the k best sequences of length t whose prefix survived step t - 1".
Draws with tied scores among the candidates of a step are redrawn, and so are draws where greedy decoding
already finds the beam's answer.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from qbank import Real, Vector, template
from qbank.core.beam_search import beam_candidates, beam_search, exhaustive_best

TOKENS = ["A", "B", "C"]
STEPS, WIDTH = 3, 2
COMPOSITIONS = [(a, b, 10 - a - b) for a in range(1, 9) for b in range(1, 10 - a)]  # tenths, each at least 1
FLAT = [c for c in COMPOSITIONS if max(c) <= 4]
PEAKED = [c for c in COMPOSITIONS if max(c) >= 7]
STARTS = [c for c in COMPOSITIONS if max(c) <= 5 and sorted(c)[1] < max(c)]  # one likeliest first token


def _exact_scores(params):
    start = [Fraction(round(10 * float(v)), 10) for v in params["start"]]
    trans = [[Fraction(round(10 * float(v)), 10) for v in row] for row in params["transition"]]
    scores = {}
    for t in range(1, STEPS + 1):
        for seq in itertools.product(range(len(start)), repeat=t):
            score = start[seq[0]]
            for prev, cur in zip(seq, seq[1:]):
                score *= trans[prev][cur]
            scores[seq] = score
    return scores


def _check(params, answers):
    scores = _exact_scores(params)
    survivors = [()]
    for t in range(1, STEPS + 1):
        extended = [s for s in scores if len(s) == t and s[:-1] in survivors]
        survivors = sorted(extended, key=lambda s: -scores[s])[:WIDTH]
        if t == 2:
            assert [Fraction(v).limit_denominator(1000) for v in answers["beam2"]] == [scores[s] for s in survivors]
    assert Fraction(answers["beam_best"]).limit_denominator(1000) == scores[survivors[0]]
    full = [s for s in scores if len(s) == STEPS]
    assert Fraction(answers["optimal"]).limit_denominator(1000) == max(scores[s] for s in full)


def _clear_cut(candidates, width):
    return len(candidates) <= width or candidates[width - 1][1] - candidates[width][1] > 1e-9


def _no_ties(params, answers):
    """Before the last step the last kept candidate beats the first dropped one, for the beam and for greedy
    decoding, so which prefixes go on is never a coin toss (a tie at the last step changes no probability asked)."""
    p = params
    return all(_clear_cut(c, width) for width in (WIDTH, 1)
               for c in beam_candidates(p["start"], p["transition"], STEPS - 1, width))


def _greedy_misses(params, answers):
    return abs(answers["greedy"] - answers["beam_best"]) > 1e-9


@template("sequences/beam-search", topic="sequences", points=5, title="Beam search on a probability table",
          question="tex/sequences/beam-search.tex.j2", solution="tex/sequences/beam-search-solution.tex.j2",
          answers={"beam2": Vector(points=2, digits=3, label="beam scores after two steps",
                                   prompt="The probabilities of the sequences in the beam after two steps, best first "
                                          "(name the sequences in your working)."),
                   "beam_best": Real(points=1, digits=3, label="beam search result",
                                     prompt="The probability of the sequence beam search returns after three steps."),
                   "greedy": Real(points=1, digits=3, label="greedy result",
                                  prompt="The probability of the sequence greedy decoding returns."),
                   "optimal": Real(points=1, digits=3, label="most probable sequence",
                                   prompt="The probability of the most probable sequence of three tokens.")},
          constraints={"no two candidates of a step tie": _no_ties,
                       "greedy decoding returns a worse sequence than the beam": _greedy_misses},
          crosscheck=_check)
def beam(rng):
    """p(y_1) and p(y_t | y_{t-1}) over three tokens, each row tenths summing to 1, every entry at least 0.1.
    Built so that greedy decoding is likely to go wrong: the likeliest first token (at most 0.5) has a flat row
    (no entry above 0.4), the others a peaked one (an entry of 0.7 or more)."""

    def row(rows):  # a composition of 10 into three positive parts, in tenths
        return np.array(rows[int(rng.integers(len(rows)))]) / 10

    start = row(STARTS)
    transition = np.array([row(FLAT if i == int(np.argmax(start)) else PEAKED) for i in range(len(TOKENS))])
    history = beam_search(start, transition, STEPS, WIDTH)
    greedy = beam_search(start, transition, STEPS, 1)[-1][0]
    optimal = exhaustive_best(start, transition, STEPS)
    answers = {"beam2": np.array([p for _, p in history[1]]), "beam_best": history[-1][0][1], "greedy": greedy[1],
               "optimal": optimal[1]}

    def name(seq):
        return "".join(TOKENS[t] for t in seq)

    work = {"tokens": TOKENS, "width": WIDTH, "steps": STEPS,
            "history": [[(name(s), p) for s, p in step] for step in history],
            "greedy_seq": name(greedy[0]), "optimal_seq": name(optimal[0])}
    return {"start": start, "transition": transition}, answers, work
