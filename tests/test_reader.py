"""The one answer reader: the forms people type, the messages when it cannot read them, the spellings it lists."""
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.engine.answers import Choice, Exact, Expression, Integer, Matrix, Real, Shape, Text, Vector
from qbank.engine.generate import generate
from qbank.engine.reader import UnreadableAnswer, read, spellings, terminating_decimal
from qbank.engine.scoring import RIGHT, score
from qbank.engine.template import all_templates

M22 = [[1, 2], [3, 4]]


@pytest.mark.parametrize("spec, text, value", [
    (Integer(), "-7", -7), (Integer(), " 66048 ", 66048), (Integer(), "-7.0", -7), (Integer(), "\u22127", -7),
    (Integer(), "2.5", Fraction(5, 2)),                 # readable: wrong for an integer key, not unreadable
    (Real(), "0.125", 0.125), (Real(), ".5", 0.5), (Real(), "1e-3", 0.001), (Real(), "2/5", 0.4),
    (Exact(), "2/5", Fraction(2, 5)), (Exact(), "2 / 5", Fraction(2, 5)), (Exact(), "0.4", Fraction(2, 5)),
    (Exact(), "-4/6", Fraction(-2, 3)),
    (Vector(), "3.25, 4.25", [3.25, 4.25]), (Vector(), "1.625 0.25", [1.625, 0.25]),   # the two rows
    (Vector(), "[1, -2]", [1, -2]), (Vector(), "(1, -2)", [1, -2]), (Vector(), "[1 -2]", [1, -2]),
    (Vector(), "1\n-2", [[1], [-2]]),                   # a column, one entry per line
    (Matrix(), "1, 2\n3, 4", M22), (Matrix(), "1 2\n3 4", M22), (Matrix(), "[[1,2],[3,4]]", M22),
    (Matrix(), "[[1 2] [3 4]]", M22), (Matrix(), "[1, 2]\n[3, 4]", M22), (Matrix(), "1, 2,\n3, 4,", M22),
    (Matrix(), "[1 2; 3 4]", M22), (Matrix(), "[[1, 2],\n [3, 4]]", M22), (Matrix(), " 1  2 \n\n 3  4 ", M22),
    (Shape(), "(2,3, 64, 64)", (2, 3, 64, 64)), (Shape(), "( 5, 3, 64, 64 )", (5, 3, 64, 64)),
    (Shape(), "2x3x64x64", (2, 3, 64, 64)), (Shape(), "2 × 3 × 64", (2, 3, 64)), (Shape(), "2X3", (2, 3)),
    (Matrix(), "1\t2\r\n3\t4", M22), (Shape(), "8, 30, 30", (8, 30, 30)),
    (Shape(), "[8, 30, 30]", (8, 30, 30)), (Shape(), "(128,)", (128,)), (Shape(), "128", (128,)),
    (Shape(), "torch.Size([2, 3])", (2, 3)),
    (Choice(), "A", 0), (Choice(), "a", 0), (Choice(), "A.", 0), (Choice(), "A)", 0), (Choice(), "(A)", 0),
    (Choice(), " c ", 2), (Choice(), "3", 2),            # options are numbered from 1 for people
    (Text(), "  because  ", "because"),
])
def test_forms_people_type(spec, text, value):
    got = read(spec, text)
    if isinstance(spec, (Vector, Matrix)):
        np.testing.assert_array_equal(got, np.array(value, dtype=float))
    else:
        assert got == value and type(got) is type(value)


def test_exact_matrices_read_exactly():
    got = read(Exact(), "4/9 4/9 1/9\n1/9, 4/9, 4/9")
    assert got.shape == (2, 3) and got[0, 2] == Fraction(1, 9) and got[1, 0] == Fraction(1, 9)


@pytest.mark.parametrize("spec, text, problem", [
    (Integer(), "1,609", "write 1609 without a thousands separator, or 1.609 with a decimal point"),
    (Real(), "1,609", "write 1609 without a thousands separator, or 1.609 with a decimal point"),
    (Real(), "0,5", "a decimal comma: write 0.5 with a decimal point"),
    (Integer(), "1,000,000", "write 1000000 without a thousands separator"),
    (Integer(), "seven", "not a number"),
    (Integer(), "2²", "not a number"),
    (Integer(), "", "no answer given"),
    (Real(), "1/2/3", "not one fraction"),
    (Real(), "1/0", "not one fraction"),
    (Real(), "1 2", "one number only"),
    (Real(), "1e99999", "at most 3 digits"),
    (Matrix(), "[1,,2]", "an empty entry between two commas"),
    (Vector(), "3,25 4,25", "commas inside numbers and spaces between them"),
    (Matrix(), "[[1, 2], [3]]", "rows of different lengths (1, 2 entries)"),
    (Matrix(), "1, 2\n3", "rows of different lengths"),
    (Matrix(), "[[1, 2], [3, 4]", "a bracket is not closed"),
    (Matrix(), "[1, 2)", "the brackets do not match"),
    (Matrix(), "[[[1]]]", "at most two levels"),
    (Vector(), "[1, x]", "the entry 'x' is not a number"),
    (Shape(), "(2, 3) x 4", "every row in its own brackets"),
    (Choice(), "AB", "one letter only"),
    (Choice(), "A B", "one letter only"),
    (Expression(symbols=("x",)), "2x +", "not an expression"),
    (Expression(symbols=("x",)), "open(x)", "unknown name 'open'"),
])
def test_unreadable_answers_say_what_was_typed_and_what_is_expected(spec, text, problem):
    with pytest.raises(UnreadableAnswer) as caught:
        read(spec, text)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError) and problem in message
    assert message.startswith(f"cannot read {text.strip()!r}".replace("\\n", " ⏎ ")) and "; expected " in message
    said = message.split(":", 1)[1]  # what the reader says, after the quoted text
    for python_text in ("invalid literal", "Fraction", "Traceback", "could not convert", "SyntaxError", "Error"):
        assert python_text not in said


def test_a_choice_past_the_options_shown_is_unreadable_and_the_message_names_the_range():
    with pytest.raises(UnreadableAnswer, match="there is no option F; expected a letter A to D"):
        read(Choice(), "F", options=4)
    assert read(Choice(), "D.", options=4) == 3


def test_messages_quote_line_breaks_and_long_answers_on_one_line():
    with pytest.raises(UnreadableAnswer, match=r"cannot read '1, 2 ⏎ 3'"):
        read(Matrix(), "1, 2\n3")
    with pytest.raises(UnreadableAnswer, match=r"cannot read '9{60}\.\.\.'"):
        read(Integer(), "9" * 100 + "x")


@pytest.mark.parametrize("spec, key, expected", [
    (Shape(), (2, 3, 64, 64), ["(2, 3, 64, 64)", "(2,3,64,64)", "2x3x64x64", "2 x 3 x 64 x 64",
                               "[2, 3, 64, 64]", "2, 3, 64, 64"]),
    (Exact(), Fraction(4, 7), ["4/7", "4 / 7"]),                 # 4/7 = 0.571428... never ends
    (Exact(), Fraction(-2, 5), ["-2/5", "-2 / 5", "-0.4"]),
    (Exact(), Fraction(3), ["3"]),
    (Choice(), 2, ["C", "c", "C.", "C)", "(C)"]),
    (Vector(digits=3), [0.1234, -2.0], ["[0.123, -2]", "[0.123,-2]", "0.123, -2", "0.123 -2"]),
    (Matrix(digits=0), M22, ["[[1, 2], [3, 4]]", "[[1,2],[3,4]]", "1, 2\n3, 4", "1 2\n3 4"]),
    (Text(), "model answer", []),
])
def test_spellings_by_hand(spec, key, expected):
    key = spec.normalize(key)
    assert spellings(spec, key) == expected
    for typed in expected:
        assert score(spec, typed, key, 1).state == RIGHT, typed


@settings(max_examples=200, deadline=None)
@given(st.fractions(max_denominator=10**6))
def test_terminating_decimals_are_exact(value):
    """A decimal is listed exactly when the reduced denominator is 2^a 5^b (then it ends), and it equals the value."""
    text = terminating_decimal(value)
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    assert (text is not None) == (rest == 1)
    if text is not None:
        assert Fraction(text) == value and read(Exact(), text) == value


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_spelling_of_every_built_in_key_is_read_as_the_key(seed):
    for template in all_templates():
        for part in generate(template, seed).parts:
            for typed in spellings(part.spec, part.value):
                verdict = score(part.spec, typed, part.value, part.points)
                assert verdict.state == RIGHT, (template.id, part.name, typed, verdict)
