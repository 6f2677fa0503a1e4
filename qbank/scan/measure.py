"""Measure every box of a registered page: how much of its inside is inked, and what that makes it.

The measure is the fraction of the box's inside (the box less its printed outline
and a margin for registration error) darker than INK_LEVEL of the way from the marks'
black to the paper's grey, both read off the page itself, so a grey scan or a light pen is
judged on its own page. The sheet tells students to mark with a cross or a tick
and to take a mark back by filling its box (the convention of Auto Multiple Choice
and R/exams' NOPS sheets), so:

    fill < EMPTY            empty       nothing, or dust (but see TRACE)
    MARK_MIN <= fill <= MARK_MAX   marked   a tick, a cross
    fill >= CANCEL          cancelled   a box filled in full
    anything between        ambiguous   (goes to review)

A box that reads empty but holds faint ink over TRACE of its inside (pixels
darker than FAINT_LEVEL of the way to the paper, after a 3x3 Gaussian blur that
takes out scanner noise) is ambiguous instead: a very light tick and the trace of
an erased mark look alike, and a person should decide rather than the scanner.

Confidence is how far the fill lies inside its band, 0 at a band edge, 1 at a
distance of BAND or more (for empty: 1 at no ink at all).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from qbank.scan.register import SCALE
from qbank.sheets import geometry as g

EMPTY, MARK_MIN, MARK_MAX, CANCEL = 0.03, 0.06, 0.9, 0.96
BAND = 0.03
FAINT_LEVEL, TRACE = 0.87, 0.15
INK_LEVEL = 0.75  # a pixel is ink when darker than this far from the marks' black to the paper
INSET = g.LINE + 1.0  # points trimmed off each side of a box: its outline and a registration margin


@dataclass
class BoxReading:
    state: str  # empty | marked | cancelled | ambiguous
    fill: float
    confidence: float


def levels(image: np.ndarray, marks: list) -> tuple:
    """(paper, ink) grey levels: the page's bright background and the inside of the printed marks."""
    paper = float(np.percentile(image, 90))
    inside = [image[int((r[1] + 4) * SCALE):int((r[3] - 4) * SCALE), int((r[0] + 4) * SCALE):int((r[2] - 4) * SCALE)]
              for r in marks]
    ink = float(np.median(np.concatenate([a.ravel() for a in inside])))
    return paper, min(ink, paper - 40)


def measure(image: np.ndarray, rect: list, paper: float, ink: float) -> BoxReading:
    """The reading of the box at `rect` (points) on a registered page."""
    x0, y0, x1, y1 = (int(round((v + d) * SCALE)) for v, d in zip(rect, (INSET, INSET, -INSET, -INSET)))
    inside = image[y0:y1, x0:x1]
    if not inside.size:
        return classify(0.0, 0.0)
    fill = float(np.mean(inside < ink + INK_LEVEL * (paper - ink)))
    soft = cv2.GaussianBlur(image[y0 - 1:y1 + 1, x0 - 1:x1 + 1], (3, 3), 0)[1:-1, 1:-1]
    return classify(fill, float(np.mean(soft < ink + FAINT_LEVEL * (paper - ink))))


def classify(fill: float, trace: float) -> BoxReading:
    """The state of a box whose inside is `fill` inked and `trace` faintly inked (fractions)."""
    if fill < EMPTY and trace >= TRACE:
        return BoxReading("ambiguous", fill, 0.0)
    if fill < EMPTY:
        return BoxReading("empty", fill, (EMPTY - fill) / EMPTY * min(1.0, (TRACE - trace) / TRACE))
    if MARK_MIN <= fill <= MARK_MAX:
        return BoxReading("marked", fill, min(1.0, min(fill - MARK_MIN, MARK_MAX - fill) / BAND))
    if fill >= CANCEL:
        return BoxReading("cancelled", fill, min(1.0, (fill - CANCEL) / BAND))
    return BoxReading("ambiguous", fill, 0.0)
