"""Answer parts as LMS boxes: tolerances, exact values, shape spellings, numbers as LMSs read them, Canvas ranges."""
from fractions import Fraction

import numpy as np
import pytest

from qbank.engine.answers import Exact, Expression, Integer, Matrix, Real, Shape, Text, Vector
from qbank.engine.reader import spellings as reader_spellings
from qbank.export.blanks import Blank, blanks, clean_up, number_text
from qbank.export.canvas_numbers import canvas_range, spellings


def test_real_tolerance_is_the_larger_of_absolute_and_relative():
    # key 2.5, abs_tol 0.0005, rel_tol 0.001: max(0.0005, 0.0025) = 0.0025; 2.5 needs no rounding
    [box] = blanks("x", Real(digits=3, rel_tol=1e-3, abs_tol=5e-4), 2.5, 3)
    assert box.number and box.tolerance == 0.0025 and box.points == 3 and box.digits == 3 and box.value == 2.5


def test_keys_are_shown_at_their_precision_and_tolerances_are_clean_decimals():
    # Moodle showed students -0.09999999999999999 and 0.013000000000000001 (moodle-5.1-facts.md, item 5).
    # key -0.09999999999999999 at 3 decimals is -0.1; tolerance max(0.0005, 1e-4) = 0.0005, widened by
    # |-0.1 - key| ~ 1e-17 and rounded up at 4 decimals: still 0.0005
    [box] = blanks("x", Real(digits=3), -0.09999999999999999, 1)
    assert number_text(box.value) == "-0.1" and number_text(box.tolerance) == "0.0005"
    # 13 * 0.001 is 0.013000000000000001 in binary; rounded up at 4 decimals it is 0.013
    assert number_text(clean_up(13 * 0.001, 4)) == "0.013"
    # key 13735.043081494576 shows as 13735.043; tolerance 13.735043... + 0.000081... = 13.7351245..., up: 13.7352
    [box] = blanks("x", Real(digits=3), 13735.043081494576, 1)
    assert number_text(box.value) == "13735.043" and number_text(box.tolerance) == "13.7352"
    # the widened interval still holds everything qbank accepts: 13735.043081 +- 13.735043
    assert box.value - box.tolerance <= 13735.043081494576 - 13.735043081494576
    assert box.value + box.tolerance >= 13735.043081494576 + 13.735043081494576


def test_integers_are_exact_and_arrays_split_their_points():
    [box] = blanks("n", Integer(), -34944, 2)
    assert box.integer and box.tolerance == 0 and box.value == -34944
    boxes = blanks("m", Matrix(digits=1, rel_tol=0, abs_tol=0.05), np.array([[1.0, 2.0], [3.0, 4.0]]), 4)
    assert [b.name for b in boxes] == ["m[1,1]", "m[1,2]", "m[2,1]", "m[2,2]"]
    assert all(b.points == 1 for b in boxes) and [b.value for b in boxes] == [1.0, 2.0, 3.0, 4.0]
    assert blanks("v", Vector(abs_tol=0.005), np.array([0.5, -1.5]), 1)[1].points == Fraction(1, 2)


def test_exact_values_are_texts_with_the_readers_spellings():
    # 2/5 terminates (0.4), yet a question asking for fractions must accept 2/5: never a number box
    # (moodle-5.1-facts.md, item 2: NUMERICAL:=0.4:0 scored 2/5 as wrong)
    [box] = blanks("e", Exact(), Fraction(2, 5), 1)
    assert not box.number and box.exact and "2/5" in box.accepted
    assert box.accepted == tuple(reader_spellings(Exact(), Fraction(2, 5)))
    assert blanks("e", Exact(), Fraction(6), 1)[0].accepted == tuple(reader_spellings(Exact(), Fraction(6)))
    boxes = blanks("E", Exact(), np.array([[Fraction(1, 3), Fraction(2, 3)]], dtype=object), 2)
    assert [b.accepted[0] for b in boxes] == ["1/3", "2/3"] and all(b.points == 1 for b in boxes)
    assert blanks("t", Text(), "why", 1) is None and blanks("f", Expression(), "d**2", 1) is None


def test_shapes_accept_the_readers_spellings():
    [box] = blanks("s", Shape(), (2, 3, 64, 64), 1)
    assert box.accepted == tuple(reader_spellings(Shape(), (2, 3, 64, 64)))
    assert "(2, 3, 64, 64)" in box.accepted and "2x3x64x64" in box.accepted


@pytest.mark.parametrize("value, text", [(34944, "34944"), (-7, "-7"), (0.1, "0.1"), (-2.5, "-2.5"),
                                         (1e-05, "0.00001"), (1.5e20, "150000000000000000000"), (-0.0, "0")])
def test_number_text_has_no_exponent_and_no_thousands_separator(value, text):
    assert number_text(value) == text


def test_canvas_ranges_are_rounded_outward_to_four_decimals():
    # 0.12345 +- 0.00005 = [0.1234, 0.1235]: already 4 decimals
    assert canvas_range(0.12345, 0.00005) == ("0.1234", "0.1235")
    # 0.333333 +- 0.0005 = [0.332833, 0.333833] -> outward [0.3328, 0.3339]
    assert canvas_range(1 / 3, 0.0005) == ("0.3328", "0.3339")
    # a tolerance below what Canvas keeps still leaves a range of one unit in the 4th decimal
    low, high = canvas_range(2.00001, 1e-7)
    assert (low, high) == ("2", "2.0001")
    assert canvas_range(-1.5, 0.0025) == ("-1.5025", "-1.4975")


def test_fill_in_spellings_cover_the_tolerance_at_the_shown_precision():
    box = Blank("x", True, 0.5, 0.005, Fraction(1), digits=2)
    # [0.495, 0.505] holds 0.50 only at 2 decimals (0.49 and 0.51 are 0.01 away)
    assert set(spellings(box, 2)) == {"0.50", "0.5", ".50"}
    # [-1.5, -0.5] at 0 decimals holds the whole number -1 only
    assert spellings(Blank("x", True, -1.0, 0.5, Fraction(1), digits=0), 0) == ("-1",)
    # [0.1, 0.3] at 1 decimal: 0.1, 0.2, 0.3, nearest to the key first
    assert spellings(Blank("x", True, 0.2, 0.1, Fraction(1), digits=1), 1)[:3] == ("0.2", ".2", "0.1")
