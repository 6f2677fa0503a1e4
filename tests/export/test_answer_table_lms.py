"""The answer table (tests/answer_table.py) through the boxes each export writes: where an LMS agrees with qbank.

Each scalar row (integer, real, exact, shape) becomes the box the exports write for its key
(qbank.export.blanks, the Moodle cloze box of moodle_cloze.box, Canvas's range or accepted texts),
graded as the LMS documents it (lms_grader). Every row gets the table's points, except the rows listed
in STRICT (text `qbank grade` reads but an LMS cannot: it matches fixed texts or reads decimals only)
and `1,609` for an integer in Moodle, which reads the comma as a thousands separator where qbank asks
which was meant (LENIENT). Vector, matrix, choice and expression rows are typed differently in an LMS (one box per
entry, radio buttons, an essay), so they are checked by test_lms_accepts_spellings.py instead.
"""
import numpy as np
import pytest

from answer_table import POINTS, rows
from qbank.export.blanks import blanks
from qbank.export.canvas_numbers import canvas_range, spellings
from qbank.export.moodle_cloze import box

import lms_grader

SCALAR = ("integer", "real", "exact", "shape")
LENIENT = "Moodle (English) drops ',' as a thousands separator: it gives 1,609 the points qbank withholds"
STRICT = {
    "1/8": "Moodle's and Canvas's numerical answers are decimals: a fraction for a real key scores 0",
    "(2,3, 64, 64)": "a shape box accepts the reader's canonical spellings only, not every spacing",
    "( 5, 3, 64, 64 )": "a shape box accepts the reader's canonical spellings only, not every spacing",
}
TABLE = [row for row in rows() if row[1].kind in SCALAR and np.ndim(row[2]) <= 1]  # an exact matrix has a box per entry


def _moodle(blank, text):
    _, [moodle_box] = lms_grader.cloze(box(blank, 1))
    return moodle_box.grade(text)


def _canvas(blank, text):
    if blank.number:  # a one-part numerical_question: varequal for exact numbers, else a range
        low, high = canvas_range(blank.value, blank.tolerance) if blank.tolerance else (blank.value, blank.value)
        middle, half = (float(low) + float(high)) / 2, (float(high) - float(low)) / 2
        return lms_grader.Box("canvas_number", 1.0, [(1.0, repr(middle), repr(half))]).grade(text)
    return float(lms_grader.canvas_blank_right(lms_grader.Box("canvas_text", 1.0, [(1.0, t, 0) for t in
                                                                                     spellings(blank, None)]), text))


@pytest.mark.parametrize("lms", [_moodle, _canvas], ids=["moodle", "canvas"])
@pytest.mark.parametrize("text, spec, key, state, points", TABLE, ids=[f"{r[1].kind}:{r[0]!r}" for r in TABLE])
def test_each_scalar_row_scores_as_in_qbank_grade(lms, text, spec, key, state, points):
    [blank] = blanks("p", spec, key, POINTS)
    earned = lms(blank, text) * POINTS
    if text in STRICT:
        assert earned == 0 < points, STRICT[text]  # qbank gives the points, the LMS cannot
    elif lms is _moodle and text == "1,609":
        assert earned == POINTS and points == 0, LENIENT
    else:
        assert earned == points, (text, state)
