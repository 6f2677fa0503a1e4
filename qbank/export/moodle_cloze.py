"""The text of a Moodle Embedded Answers (Cloze) question: the stem with one box per graded entry.

Boxes are `{w:NUMERICAL:=value:tolerance}` or `{w:SHORTANSWER:=a~=b}` (Moodle docs,
"Embedded Answers (Cloze) question type"); inside an answer the characters
} # ~ / " and backslash are escaped with a backslash. Weights are integers in the
proportion of the points (a vector's part split evenly over its entries); Moodle
makes the question's mark their sum, and a quiz slot rescales it to its own mark.
A matrix is a table of boxes, a vector a bracketed row.
"""
from __future__ import annotations

import math
from html import escape

from qbank.export.blanks import number_text

_CLOZE_SPECIAL = str.maketrans({c: "\\" + c for c in '}#~/"\\'})


def weights(parts) -> dict:
    """{box name: integer weight} proportional to each box's points (at least 1)."""
    boxes = [box for part in parts for box in part.boxes]
    scale = math.lcm(*(box.points.denominator for box in boxes))
    return {f"{part.name}/{box.name}": max(1, int(box.points * scale)) for part in parts for box in part.boxes}


def box(blank, weight: int) -> str:
    """One embedded answer."""
    if blank.number:
        return f"{{{weight}:NUMERICAL:={number_text(blank.value)}:{number_text(blank.tolerance)}}}"
    return f"{{{weight}:SHORTANSWER:" + "~".join("=" + text.translate(_CLOZE_SPECIAL) for text in blank.accepted) + "}"


def cloze_text(question, parts) -> tuple:
    """(HTML text with embedded answers for `parts`, total weight)."""
    w = weights(parts)
    pieces = [question.stem_html]
    for part in parts:
        head = part.prompt_html or escape(part.label)
        boxes = [box(b, w[f"{part.name}/{b.name}"]) for b in part.boxes]
        pieces.append(f"<p>{head}</p>" + _layout(boxes, part.shape))
    return "".join(pieces), sum(w.values())


def _layout(boxes, shape) -> str:
    if len(shape) == 2:
        rows = [boxes[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
        return "<table>" + "".join("<tr>" + "".join(f"<td>{b}</td>" for b in row) + "</tr>" for row in rows) + "</table>"
    if len(shape) == 1:
        return "<p>[ " + ", ".join(boxes) + " ]</p>"
    return "<p>" + " ".join(boxes) + "</p>"
