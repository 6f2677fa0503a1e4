r"""The text of a Moodle Embedded Answers (Cloze) question: the stem, then every part in order with its boxes.

Boxes are `{w:NUMERICAL:=value:tolerance~...}` or `{w:SHORTANSWER:=a~=b~...}` (Moodle docs,
"Embedded Answers (Cloze) question type"). Moodle 5.1's parser
(question/type/multianswer/questiontype.php, ANSWER_ALTERNATIVE_ANSWER_REGEX) ends an
answer at `~`, `#` or `}` unless a backslash or `&` comes right before it, and then
html_entity_decode()s the answer and turns only `\}` and `\#` back into `}` and `#`:
any other backslash stays in the stored answer (a written `2\/9` is stored as `2\/9`).
So an answer is written with no backslash at all: characters the parser or HTML would
change are numeric entities (`&#126;` for ~), which the import decodes.

Moodle sizes a box by its longest answer (any grade), so every box also carries a 0%
answer of fixed length (NUMBER_WIDTH, TEXT_WIDTH, EXPLAIN_WIDTH): all boxes of a kind
are equally wide and the width says nothing about the key. A student who types that
filler scores 0.

Parts keep the printed exam's letters and order, so "obtained from (a)" points at a box.
A part a person grades (free text, an expression) and an "Explain ..." request are
one-line text boxes inside the same question, so they travel with it: their only
right answer is TEACHER_GRADED, which no student types, so they score 0 until the
teacher overrides the question's mark after reading them (Moodle's "Make comment or
override mark"); an explanation the key gives no points of its own has weight 0.

Weights are integers (Moodle reads `{w:` as digits only) in proportion to the points:
a part's points split evenly over its entries (qbank.engine.scoring's per-entry
policy), times the smallest whole `scale` that makes every box of every variant of the
slot whole. Moodle sets a cloze question's mark to the sum of its weights, so that mark
is the question's points times `scale` (1 whenever whole boxes allow it), the same for
every variant of a slot; a quiz rescales it to the slot's mark.
"""
from __future__ import annotations

import math
from fractions import Fraction

from qbank.export.blanks import EXACT_FORM, number_text

NUMBER_WIDTH = 20  # characters of a number box
TEXT_WIDTH = 30  # characters of a text box (shapes, fractions)
EXPLAIN_WIDTH = 60  # characters of a box for words (Moodle's largest)
TEACHER_GRADED = "[graded by the teacher]"
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\"\\~#{}"}


def answer_text(text: str) -> str:
    """`text` as one cloze answer that Moodle 5.1's import stores unchanged (see the module docstring)."""
    return "".join(_ENTITIES.get(c, c) for c in text)


def weight_units(question) -> list:
    """The points of every box of `question` in order: entries of auto-graded parts, person-graded parts, 0 for explanations."""
    units = []
    for part in question.parts:
        if part.boxes is not None:
            units += [box.points for box in part.boxes] + ([Fraction(0)] if part.explain else [])
        else:
            units.append(Fraction(part.points))
    return units + ([Fraction(0)] if question.explain else [])


def slot_scale(variants) -> int:
    """The smallest whole number that makes every box weight of every variant whole."""
    return math.lcm(1, *(unit.denominator for q in variants if q.auto_parts for unit in weight_units(q)))


def cloze_text(question, scale: int) -> tuple:
    """(HTML text with embedded answers, total weight) of `question`, its box points times `scale`."""
    units = [int(unit * scale) for unit in weight_units(question)]
    weights = iter(units)
    pieces = [question.stem_html]
    if any(box.exact for part in question.auto_parts for box in part.boxes):
        pieces.append(f"<p><em>{EXACT_FORM}</em></p>")
    for part in question.parts:
        pieces.append(f"<p>{part.heading_html}</p>")
        if part.boxes is None:
            pieces.append(f"<p>{_words(next(weights))}</p>")
            continue
        pieces.append(_layout([box(b, next(weights)) for b in part.boxes], part.shape))
        if part.explain:
            pieces.append(f"<p>Your explanation: {_words(next(weights))}</p>")
    if question.explain:
        pieces.append(f"<p>Your explanation: {_words(next(weights))}</p>")
    return "".join(pieces), sum(units)


def box(blank, weight: int) -> str:
    """One embedded answer box of fixed width."""
    if blank.number:
        filler = "-" + "9" * (NUMBER_WIDTH - 1)  # a number no key is; Moodle's NUMERICAL takes numbers only
        return (f"{{{weight}:NUMERICAL:={number_text(blank.value)}:{number_text(blank.tolerance)}"
                f"~%0%{filler}}}")
    answers = "~".join("=" + answer_text(text) for text in blank.accepted)
    return f"{{{weight}:SHORTANSWER:{answers}~%0%{'_' * TEXT_WIDTH}}}"


def _words(weight: int) -> str:
    """A box for words, graded by the teacher."""
    return f"{{{weight}:SHORTANSWER:={answer_text(TEACHER_GRADED)}~%0%{'_' * EXPLAIN_WIDTH}}}"


def _layout(boxes, shape) -> str:
    if len(shape) == 2:
        rows = [boxes[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
        return "<table>" + "".join("<tr>" + "".join(f"<td>{b}</td>" for b in row) + "</tr>" for row in rows) + "</table>"
    if len(shape) == 1:
        return "<p>[ " + ", ".join(boxes) + " ]</p>"
    return "<p>" + " ".join(boxes) + "</p>"
