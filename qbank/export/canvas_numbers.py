"""Numbers as Canvas keeps them: answers and ranges to 4 decimal places, fill-in blanks as texts.

Canvas rounds every decimal of a numeric answer to 4 places (Instructure, "Rounding
in a Formula Quiz Question", community.canvaslms.com/ideas/2985), so a margin below
0.0001 would silently shrink or vanish. We therefore emit explicit ranges whose
bounds are rounded *outward* to 4 decimals: Canvas never rejects an answer qbank's
grader accepts (it may accept up to 0.0001 more). Integers are exact (`varequal`).
A fill-in-the-blank box matches text, so a number there lists the decimal strings
within its tolerance at the precision the key is shown with (students type numbers
to that precision, as the exam asks), with and without trailing zeros and a leading 0.
"""
from __future__ import annotations

import math

from qbank.export.blanks import number_text

CANVAS_DECIMALS = 4
MAX_SPELLINGS = 40  # a tolerance much wider than the shown precision lists the nearest values only


def canvas_range(value: float, tolerance: float) -> tuple:
    """(low, high) as decimal strings, rounded outward to CANVAS_DECIMALS places."""
    scale = 10 ** CANVAS_DECIMALS
    low = math.floor(round((value - tolerance) * scale, 6)) / scale
    high = math.ceil(round((value + tolerance) * scale, 6)) / scale
    return number_text(low), number_text(high)


def spellings(blank, digits: int | None) -> tuple:
    """Texts a fill-in-the-blank box accepts for `blank` (shown with `digits` decimals)."""
    if not blank.number:
        return blank.accepted
    if blank.integer or not blank.tolerance:
        return (number_text(blank.value),)
    places = 3 if digits is None else digits
    low = math.ceil(round((blank.value - blank.tolerance) * 10 ** places, 6))
    high = math.floor(round((blank.value + blank.tolerance) * 10 ** places, 6))
    nearest = round(blank.value * 10 ** places)
    found = []
    for k in sorted(range(low, high + 1), key=lambda k: abs(k - nearest))[:MAX_SPELLINGS]:
        text = f"{k / 10 ** places:.{places}f}"
        found += [text, text.rstrip("0").rstrip(".") if "." in text else text]
        found += [text.replace("0.", ".", 1)] if text.startswith(("0.", "-0.")) else []
    return tuple(dict.fromkeys("0" if t in ("-0", "-", "") else t for t in found))
