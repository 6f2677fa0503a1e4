"""Check one typed answer against one part's key, with the part's own parser and tolerance.

The verdict separates a wrong answer from one the parser cannot read
("invalid": the student is asked again and nothing is revealed). Text parts
are never graded automatically: the student compares with the model answer
("self"). The comparison itself is the engine's (`Answer.parse` and
`Answer.check`), so practice grades exactly as exports and the grader do; for
expressions a sound shortcut (`expression_check`) settles most answers first.
"""
from __future__ import annotations

from dataclasses import dataclass

from qbank.engine.answers import Choice, Expression, Text
from qbank.practice.expression_check import decide
from qbank.engine.safe_input import unsafe_reason

CORRECT, WRONG, INVALID, SELF = "correct", "wrong", "invalid", "self"


@dataclass(frozen=True)
class Verdict:
    """The outcome for one part; `message` says why an answer could not be read (status invalid)."""

    status: str  # correct | wrong | invalid | self
    message: str = ""


def check_part(instance, part, text: str) -> Verdict:
    """The verdict on `text` typed for `part` of `instance`."""
    spec = part.spec
    if isinstance(spec, Text):
        return Verdict(SELF)
    text = str(text).strip()
    if not text:
        return Verdict(INVALID, "no answer given")
    symbols = spec.symbols if isinstance(spec, Expression) else ()
    reason = unsafe_reason(text, spec.kind, symbols)
    if reason:
        return Verdict(INVALID, reason)
    try:
        given = spec.parse(text)
    except Exception as exc:  # noqa: BLE001 - sympy's parser raises many types; any of them means unreadable
        return Verdict(INVALID, f"{exc}; expected {hint(instance, part)}")
    options = option_count(instance, part)
    if options and not 0 <= given < options:
        return Verdict(INVALID, f"choose one of A to {chr(ord('A') + options - 1)}")
    try:
        same = decide(given, part.value) if isinstance(spec, Expression) else None
        return Verdict(CORRECT if (spec.check(given, part.value) if same is None else same) else WRONG)
    except (ValueError, TypeError, ArithmeticError):  # a readable answer of the wrong form (a list for a number)
        return Verdict(WRONG)


def option_count(instance, part) -> int:
    """How many options a choice part shows (0 for other parts)."""
    if not isinstance(part.spec, Choice):
        return 0
    return len(instance.params.get("options", ()))


def hint(instance, part, terminal: bool = False) -> str:
    """What form the answer takes, in words, without giving anything of the key away."""
    spec, kind = part.spec, part.spec.kind
    if kind == "choice":
        count = option_count(instance, part)
        return f"a letter A to {chr(ord('A') + count - 1)}" if count else "the letter of an option"
    if kind == "real":
        return f"a number (to {spec.digits} decimals)"
    if kind == "matrix":
        rows = ", or one row per line" + (" and then an empty line" if terminal else "")
        return "a matrix such as [[1, 2], [3, 4]]" + rows
    if kind == "expression":
        symbols = ", ".join(spec.symbols)
        return "an expression such as 2*x + y^2" + (f" in {symbols}" if symbols else "")
    return {"integer": "an integer", "vector": "a list such as [1, 2.5, -3]", "shape": "a shape such as (8, 30, 30)",
            "exact": "an exact number such as 2/3 (a fraction, not a rounded decimal)",
            "text": "your own words; you then compare with the model answer"}.get(kind, "an answer")
