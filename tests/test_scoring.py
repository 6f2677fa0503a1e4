"""The one partial-credit policy: per entry for vectors and matrices, all or nothing otherwise, by hand."""
from fractions import Fraction

import numpy as np
import pytest

from qbank.engine.answers import Choice, Exact, Expression, Integer, Matrix, Shape, Text, Vector
from qbank.engine.scoring import BLANK, PARTIAL, PENDING, RIGHT, UNREADABLE, WRONG, Verdict, score


def test_a_matrix_earns_an_equal_share_per_entry():
    key = np.array([[1.0, 2.0], [3.0, 4.0]])
    # 4 entries, 2 points: each entry is worth 2/4 = 0.5; three right is 1.5
    assert score(Matrix(digits=0), "1 2\n3 5", key, 2) == Verdict(1.5, 2, PARTIAL, "3 of 4 entries right")
    assert score(Matrix(digits=0), "1 2\n3 4", key, 2) == Verdict(2.0, 2, RIGHT)
    assert score(Matrix(digits=0), "0 0\n0 0", key, 2) == Verdict(0.0, 2, WRONG, "0 of 4 entries right")
    # another number of entries cannot be laid over the key: nothing, and the message says so
    assert score(Matrix(digits=0), "1 2 3", key, 2) == Verdict(0.0, 2, WRONG, "3 entries given; the answer has 4")


def test_a_vector_typed_as_a_column_is_the_same_answer_and_is_scored_per_entry():
    key = np.array([0.5, -1.0, 2.0])
    # 3 points over 3 entries: 1 point each; the middle one is off by 0.1, over max(0.005, 0.001) of the key
    assert score(Vector(digits=2), "0.5\n-0.9\n2", key, 3) == Verdict(2.0, 3, PARTIAL, "2 of 3 entries right")


def test_exact_matrices_are_scored_per_entry_and_exact_scalars_all_or_nothing():
    key = Exact().normalize([[Fraction(4, 9), Fraction(1, 9)], [Fraction(1, 3), Fraction(2, 3)]])
    # 0.5 is not 4/9; 0.3333 is not 1/3 (an exact answer is not a rounded one): 2 of 4 entries, 1 of 2 points
    assert score(Exact(), "0.5 1/9\n0.3333 2/3", key, 2).points == 1.0
    assert score(Exact(), "2/3", Fraction(2, 3), 2) == Verdict(2.0, 2, RIGHT)
    assert score(Exact(), "0.6667", Fraction(2, 3), 2) == Verdict(0.0, 2, WRONG)


@pytest.mark.parametrize("spec, key, text", [
    (Shape(), (8, 30, 30), "(8, 30, 31)"),      # a shape is one answer: two of three sizes right earn nothing
    (Integer(), 12, "13"),
    (Choice(), 1, "C"),
    (Expression(symbols=("x",)), "2*x", "x"),
])
def test_every_other_answer_is_all_or_nothing(spec, key, text):
    assert score(spec, text, spec.normalize(key), 3) == Verdict(0.0, 3, WRONG)


def test_blank_unreadable_and_person_graded_parts():
    assert score(Integer(), "  ", 3, 2) == Verdict(0.0, 2, BLANK, "no answer given")
    unreadable = score(Integer(), "1,609", 1609, 2)
    assert unreadable.state == UNREADABLE and unreadable.points == 0 and unreadable.flagged
    assert "1,609" in unreadable.message and "1609" in unreadable.message
    assert score(Text(), "anything", "model", 2) == Verdict(0.0, 2, PENDING, "graded by a person")
    assert score(Choice(), "F", 0, 1, options=4).state == UNREADABLE  # only A to D are shown
    assert score(Choice(), "F", 0, 1).state == WRONG                  # options unknown: a letter, just not the key
