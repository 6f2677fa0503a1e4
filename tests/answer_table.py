"""One table of typed answers and the verdict every channel must give them (tests/grade/test_grade_table.py,
tests/practice/test_practice_table.py and tests/export/test_answer_table_lms.py drive `qbank grade`, the terminal
drill, the page and the LMS exports with it).

A row: what a student typed, the answer type, the key, and the expected state with the share of the part's
points (per entry for vectors and matrices, all or nothing otherwise; docs/grading.md). The shares are counted
by hand in the comments. Multi-line texts are matrices typed one row per line.
"""
from fractions import Fraction

import numpy as np

from qbank.engine.answers import Choice, Exact, Expression, Integer, Matrix, Real, Shape, Vector
from qbank.engine.scoring import BLANK, PARTIAL, RIGHT, UNREADABLE, WRONG

POINTS = 4  # every part is worth 4 points, so a quarter of the entries is one point
OPTIONS = ("first", "second", "third", "fourth")  # choice parts show A to D
M22 = np.array([[1.0, 2.0], [3.0, 4.0]])

ROWS = [
    # integers
    ("1609", Integer(), 1609, RIGHT, 1),
    ("-7.0", Integer(), -7, RIGHT, 1),
    ("1610", Integer(), 1609, WRONG, 0),
    ("1,609", Integer(), 1609, UNREADABLE, 0),             # thousands or decimals? refused with a hint
    ("seven", Integer(), 7, UNREADABLE, 0),
    ("", Integer(), 7, BLANK, 0),
    # reals: 3 decimals, tolerance max(0.0005, 0.001 * 0.125) = 0.0005
    ("0.1254", Real(digits=3), 0.125, RIGHT, 1),
    ("1/8", Real(digits=3), 0.125, RIGHT, 1),
    ("0.1256", Real(digits=3), 0.125, WRONG, 0),
    ("0,125", Real(digits=3), 0.125, UNREADABLE, 0),       # a decimal comma
    # exact numbers: 0.4 is 2/5 exactly, 0.6667 is not 2/3
    ("2/5", Exact(), Fraction(2, 5), RIGHT, 1),
    ("2 / 5", Exact(), Fraction(2, 5), RIGHT, 1),
    ("0.4", Exact(), Fraction(2, 5), RIGHT, 1),
    ("0.6667", Exact(), Fraction(2, 3), WRONG, 0),
    ("4/9 1/9\n1/3 0.6667", Exact(), [[Fraction(4, 9), Fraction(1, 9)], [Fraction(1, 3), Fraction(2, 3)]],
     PARTIAL, 0.75),                                       # an exact matrix earns per entry: 3 of 4
    # vectors: grade and practice used to disagree on the first two
    ("3.25, 4.25", Vector(digits=2), [3.25, 4.25], RIGHT, 1),
    ("1.625 0.25", Vector(digits=3), [1.625, 0.25], RIGHT, 1),
    ("(3.25, 4.25)", Vector(digits=2), [3.25, 4.25], RIGHT, 1),
    ("[1.625, 0.3]", Vector(digits=3), [1.625, 0.25], PARTIAL, 0.5),  # 1 of 2 entries
    ("3,25 4,25", Vector(digits=2), [3.25, 4.25], UNREADABLE, 0),
    # matrices
    ("1, 2\n3, 4", Matrix(digits=0), M22, RIGHT, 1),       # one row per line, with commas
    ("1 2\n3 5", Matrix(digits=0), M22, PARTIAL, 0.75),    # 3 of 4 entries
    ("[[1,2],[3,4]]", Matrix(digits=0), M22, RIGHT, 1),
    ("[[0, 0], [3, 0]]", Matrix(digits=0), M22, PARTIAL, 0.25),  # 1 of 4 entries
    ("1 2 3", Matrix(digits=0), M22, WRONG, 0),            # 3 entries cannot be laid over 4
    ("[1,,2]", Matrix(digits=0), M22, UNREADABLE, 0),
    ("[[1, 2], [3]]", Matrix(digits=0), M22, UNREADABLE, 0),
    # shapes
    ("(2,3, 64, 64)", Shape(), (2, 3, 64, 64), RIGHT, 1),
    ("( 5, 3, 64, 64 )", Shape(), (5, 3, 64, 64), RIGHT, 1),
    ("2x3x64x64", Shape(), (2, 3, 64, 64), RIGHT, 1),
    ("(2, 3, 64)", Shape(), (2, 3, 64, 64), WRONG, 0),
    # choices among A to D
    ("A", Choice(), 0, RIGHT, 1),
    ("a", Choice(), 0, RIGHT, 1),
    ("A.", Choice(), 0, RIGHT, 1),
    ("A)", Choice(), 0, RIGHT, 1),
    ("(A)", Choice(), 0, RIGHT, 1),
    ("B", Choice(), 0, WRONG, 0),
    ("AB", Choice(), 0, UNREADABLE, 0),
    ("F", Choice(), 0, UNREADABLE, 0),                     # there is no option F among A to D
    # expressions
    ("x + x", Expression(symbols=("x",)), "2*x", RIGHT, 1),
    ("2x +", Expression(symbols=("x",)), "2*x", UNREADABLE, 0),
]


def rows():
    """(text, spec, normalized key, state, points) for every row."""
    return [(text, spec, spec.normalize(key), state, share * POINTS) for text, spec, key, state, share in ROWS]
