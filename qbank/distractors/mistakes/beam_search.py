"""Modelled mistakes for beam search (sequences/beam-search).

The key (qbank.core.beam_search): after each step keep the best `width` of all extensions of all kept prefixes.
The slips: only the best first token extended (greedy's first step, then a beam), each kept prefix extended by
its own best token only, greedy's answer given for the beam's or the other way round, two steps instead of three.
"""
from __future__ import annotations

import numpy as np

from qbank.core.beam_search import beam_search, exhaustive_best
from qbank.distractors.registry import mistake
from qbank.questions.beam_search import STEPS, WIDTH

ID = "sequences/beam-search"


def _per_prefix_best(p, steps):
    """Each kept prefix extended by its own most probable next token only (no competition between prefixes)."""
    start, trans = np.asarray(p["start"], dtype=float), np.asarray(p["transition"], dtype=float)
    order = np.argsort(-start, kind="stable")[:WIDTH]
    beams = [((int(t),), float(start[t])) for t in order]
    for _ in range(steps - 1):
        beams = [(seq + (int(np.argmax(trans[seq[-1]])),), prob * float(np.max(trans[seq[-1]]))) for seq, prob in beams]
    return sorted((prob for _, prob in beams), reverse=True)


def _after_greedy_first(p, steps):
    """A beam that only ever extends the likeliest first token."""
    start, trans = np.asarray(p["start"], dtype=float), np.asarray(p["transition"], dtype=float)
    first = int(np.argmax(start))
    beams = [((first,), float(start[first]))]
    for _ in range(steps - 1):
        candidates = [(seq + (t,), prob * float(trans[seq[-1], t])) for seq, prob in beams for t in range(len(start))]
        beams = sorted(candidates, key=lambda c: -c[1])[:WIDTH]
    return [prob for _, prob in beams]


def _beam(p, width=WIDTH, steps=STEPS):
    return beam_search(p["start"], p["transition"], steps, width)[-1][0][1]


mistake(ID, "extended only the likeliest first token", part="beam2")(lambda p: np.array(_after_greedy_first(p, 2)))
mistake(ID, "extended each kept sequence by its own best token only", part="beam2")(
    lambda p: np.array(_per_prefix_best(p, 2)))

mistake(ID, "gave greedy decoding's result", part="beam_best")(lambda p: _beam(p, width=1))
mistake(ID, "extended each kept sequence by its own best token only", part="beam_best")(
    lambda p: _per_prefix_best(p, STEPS)[0])
mistake(ID, "extended only the likeliest first token", part="beam_best")(lambda p: _after_greedy_first(p, STEPS)[0])

mistake(ID, "gave the beam's result", part="greedy")(lambda p: _beam(p))
mistake(ID, "stopped after two steps", part="greedy")(lambda p: _beam(p, width=1, steps=2))

mistake(ID, "gave greedy decoding's result", part="optimal")(lambda p: _beam(p, width=1))
mistake(ID, "stopped after two steps", part="optimal")(
    lambda p: exhaustive_best(p["start"], p["transition"], 2)[1])
