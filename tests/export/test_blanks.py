"""Answer parts as LMS boxes: tolerances, exact values, shape spellings, numbers as LMSs read them, Canvas ranges."""
from fractions import Fraction

import pytest

from qbank.export.blanks import Blank, blanks, number_text, shape_spellings
from qbank.export.canvas_numbers import canvas_range, spellings


def test_real_tolerance_is_the_larger_of_absolute_and_relative():
    # key 2.5, abs_tol 0.0005, rel_tol 0.001: max(0.0005, 0.0025) = 0.0025
    [box] = blanks("x", "real", 2.5, {"digits": 3, "rel_tol": 1e-3, "abs_tol": 5e-4}, 3)
    assert box.number and box.tolerance == pytest.approx(0.0025) and box.points == 3 and box.digits == 3
    # key -0.1: max(0.0005, 0.0001) = 0.0005, the half unit of the third decimal
    [box] = blanks("x", "real", -0.1, {"digits": 3, "rel_tol": 1e-3, "abs_tol": 5e-4}, 1)
    assert box.tolerance == pytest.approx(5e-4)


def test_integers_are_exact_and_arrays_split_their_points():
    [box] = blanks("n", "integer", -34944, {}, 2)
    assert box.integer and box.tolerance == 0 and box.value == -34944
    boxes = blanks("m", "matrix", [[1.0, 2.0], [3.0, 4.0]], {"digits": 1, "rel_tol": 0, "abs_tol": 0.05}, 4)
    assert [b.name for b in boxes] == ["m[1,1]", "m[1,2]", "m[2,1]", "m[2,2]"]
    assert all(b.points == 1 for b in boxes) and [b.value for b in boxes] == [1.0, 2.0, 3.0, 4.0]
    assert blanks("v", "vector", [0.5, -1.5], {"abs_tol": 0.005}, 1)[1].points == Fraction(1, 2)


def test_exact_values_and_person_graded_kinds():
    assert blanks("e", "exact", "3/8", {}, 1)[0].value == 0.375  # 3/8 = 0.375 terminates
    assert blanks("e", "exact", "6", {}, 1)[0].integer
    third = blanks("e", "exact", "2/3", {}, 1)[0]
    assert not third.number and third.accepted == ("2/3", "2 / 3")
    assert blanks("t", "text", "why", {}, 1) is None and blanks("f", "expression", "d**2", {}, 1) is None


def test_shape_spellings():
    spelled = shape_spellings((8, 30, 30))
    for text in ("(8, 30, 30)", "(8,30,30)", "8, 30, 30", "[8, 30, 30]", "8x30x30", "8 x 30 x 30"):
        assert text in spelled


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
