"""The one answer reader: what a person typed, turned into an answer type's value, for every channel.

`qbank grade`, the terminal drill, the practice page and the LMS exports' lists
of accepted spellings all read answers here, so the same text means the same
answer everywhere. `read(spec, text)` returns the value `spec.check` compares
with a key, or raises `UnreadableAnswer`, whose message quotes what was typed
and says what form is expected (never Python's exception text).
`spellings(spec, key)` lists the canonical ways to type a key, each of which
`read` reads as the key (an LMS with fixed answer lists accepts exactly these).

Forms read (docs/grading.md): numbers `-7`, `0.125`, `1e-3`, `2/5` (`1,609` is
refused with a hint: thousands or decimals?); rows with commas or spaces, one
row per line or `;` between rows, nested brackets `[[1, 2], [3, 4]]`; vectors
with or without brackets or parentheses; shapes `(2, 3, 64, 64)`, `2x3x64x64`;
choice letters `A`, `a`, `A.`, `A)`, `(A)` or option numbers from 1.
"""
from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

from qbank.engine import numbers
from qbank.engine.reader_grid import GridError, grid
from qbank.engine.safe_input import unsafe_reason

QUOTE_CHARS = 60  # a long answer is quoted by its start
_CHOICE = re.compile(r"^[(\[]?\s*([A-Za-z]|\d{1,3})\s*[)\].:]?$")
_COMMA_NUMBER = re.compile(r"^[+-]?\d+(,\d+)+$")  # 1,609 or 1,5: thousands or decimals, a guess either way
_TORCH_SIZE = re.compile(r"^torch\.Size\(\s*(.*?)\s*\)$", re.S)
_TIMES = re.compile(r"\s*[xX×*]\s*")


class UnreadableAnswer(ValueError):
    """Typed text that is not an answer of the expected form; the message is for the person who typed it."""

    def __init__(self, typed: str, expected: str, problem: str = ""):
        self.typed, self.expected, self.problem = typed, expected, problem
        super().__init__(f"cannot read {quote(typed)}" + (f": {problem}" if problem else "") + f"; expected {expected}")


def quote(typed: str) -> str:
    """What was typed, quoted on one line (line breaks shown as ⏎), its start only when long."""
    shown = str(typed).strip().replace("\r\n", "\n").replace("\n", " ⏎ ")
    return repr(shown if len(shown) <= QUOTE_CHARS else shown[:QUOTE_CHARS] + "...")


def expected(spec, options: int | None = None) -> str:
    """The form an answer of `spec` takes, in words, with an example that gives nothing of a key away."""
    kind = spec.kind
    if kind == "choice":
        return f"a letter A to {chr(ord('A') + options - 1)}" if options else "the letter of an option, such as B"
    if kind == "real":
        return f"a number such as -0.125 or 2/3 (to {spec.digits} decimals)"
    if kind == "expression":
        symbols = ", ".join(spec.symbols)
        return "an expression such as 2*x + y^2" + (f" in {symbols}" if symbols else "")
    return {"integer": "a whole number such as 1609 (no thousands separator)",
            "vector": "numbers separated by commas or spaces, such as 1, 2.5, -3 (brackets optional)",
            "matrix": "a matrix: one row per line with commas or spaces between entries, or [[1, 2], [3, 4]]",
            "shape": "a shape such as (8, 30, 30) or 8x30x30",
            "exact": "an exact number such as 2/3 (a fraction, or a decimal only where it is exact); "
                     "a matrix one row per line",
            "text": "your own words"}.get(kind, "an answer")


def read(spec, text, options: int | None = None):
    """The value of `text` typed for an answer of type `spec`; UnreadableAnswer when it cannot be read.

    options: how many options a choice part shows (a letter past them is unreadable); None when unknown.
    A readable answer of the wrong size or kind (2.5 for an integer, three entries for a 2 x 2 matrix)
    is returned as read: it is wrong, not unreadable.
    """
    typed = str(text)
    stripped = typed.strip().replace("\u2212", "-")  # a typographic minus, as word processors write it
    form = expected(spec, options)
    if not stripped:
        raise UnreadableAnswer(typed, form, "no answer given")
    reason = unsafe_reason(stripped, spec.kind, getattr(spec, "symbols", ()))
    if reason:
        raise UnreadableAnswer(typed, form, reason)
    try:
        return _READERS[spec.kind](spec, stripped, options)
    except _Problem as exc:
        raise UnreadableAnswer(typed, form, str(exc)) from None
    except KeyError:
        raise UnreadableAnswer(typed, form, f"answers of kind {spec.kind!r} are not read automatically") from None


class _Problem(Exception):
    """What is wrong with the text, in words, raised inside the readers below."""


def _number(token: str, exact: bool = True):
    """The number `token` stands for: a Fraction, or a float where `exact` is False (reals need no exactness,
    and reading a float is ten times faster: `qbank check` reads every key's spellings)."""
    if token.isascii() and token.isdigit():  # not '²' or '٣', which isdigit() also calls digits
        return int(token)  # sizes and counts, the commonest entries: an int is an exact number too
    if not exact and numbers.DECIMAL.match(token):
        return float(token)  # 1e999 is inf: read, and wrong (the checks want finite numbers)
    if _COMMA_NUMBER.match(token):
        whole, groups = token.replace(",", ""), token.lstrip("+-").split(",")
        point = token.replace(",", ".") if len(groups) == 2 else None
        if all(len(group) == 3 for group in groups[1:]):  # 1,609: thousands or decimals
            raise _Problem(f"a comma inside a number: write {whole} without a thousands separator"
                           + (f", or {point} with a decimal point" if point else ""))
        raise _Problem(f"a decimal comma: write {point} with a decimal point" if point else "commas inside a number")
    try:
        return numbers.fraction(re.sub(r"\s*/\s*", "/", token))
    except (ValueError, ZeroDivisionError, OverflowError):
        raise _Problem("not one fraction such as 2/3" if "/" in token else "not a number") from None


def _exact_number(value: Fraction):
    return int(value) if value.denominator == 1 else value


def _entries(text: str, exact: bool = True) -> np.ndarray:
    """The numbers of a vector or matrix: (n,) or (rows, columns), Fractions (exact) or floats."""
    try:
        cells = grid(text)
    except GridError as exc:
        raise _Problem(str(exc)) from None
    rows = cells if isinstance(cells[0], list) else [cells]
    values = np.array([[_entry(cell, exact) for cell in row] for row in rows],
                      dtype=object if exact else float)  # (rows, columns)
    return values if cells is rows else values[0]


def _entry(cell: str, exact: bool):
    try:
        return _number(cell, exact)
    except _Problem as exc:
        raise _Problem(f"the entry {cell!r} is {exc}" if str(exc).startswith("not") else f"{cell!r}: {exc}") from None


def _is_one_number(text: str) -> bool:
    """No brackets, rows or separators (`2 / 3` is one number; `1,609` is one, refused with a hint later)."""
    single = re.sub(r"\s*/\s*", "/", text)
    return not re.search(r"[\[\]()\s,;]", single) or bool(_COMMA_NUMBER.match(single))


def _read_choice(spec, text, options):
    match = _CHOICE.match(text)
    if not match:
        raise _Problem("one letter only")
    mark = match.group(1)
    index = ord(mark.upper()) - ord("A") if mark.isalpha() else int(mark) - 1  # people number options from 1
    if index < 0 or (options and index >= options):
        raise _Problem(f"there is no option {mark.upper()}")
    return index


def _read_scalar(spec, text, options):
    if not _is_one_number(text):
        raise _Problem("one number only")
    if spec.kind == "real":
        return float(_number(text, exact=False))
    return _exact_number(_number(text))


def _read_exact(spec, text, options):
    if _is_one_number(text):
        return _number(text)
    return _entries(text)


def _read_array(spec, text, options):
    return _entries(text, exact=False).astype(float)


def _read_shape(spec, text, options):
    size = _TORCH_SIZE.match(text)
    text = size.group(1) if size else text
    if re.fullmatch(r"\d+(\s*[xX×*]\s*\d+)+", text):
        text = _TIMES.sub(",", text)
    dims = _entries(text)
    if dims.ndim != 1:
        raise _Problem("a shape is one row of sizes")
    return tuple(_exact_number(d) for d in dims)


def _read_expression(spec, text, options):
    try:
        return spec.parse(text)
    except Exception:  # noqa: BLE001 - sympy's parser raises many types; any of them means unreadable
        raise _Problem("not an expression sympy can read (write * between factors, ^ for powers)") from None


def _read_text(spec, text, options):
    return text


_READERS = {"choice": _read_choice, "integer": _read_scalar, "real": _read_scalar, "exact": _read_exact,
            "vector": _read_array, "matrix": _read_array, "shape": _read_shape, "expression": _read_expression,
            "text": _read_text}


def spellings(spec, key) -> list[str]:
    """The canonical ways to type `key` (a normalized key of `spec`), first the one the key prints as.

    Each is read by `read` as the key. Text parts have none (a person grades them).
    """
    kind = spec.kind
    if kind == "text":
        return []
    if kind == "choice":
        letter = spec.text(key)
        return [letter, letter.lower(), f"{letter}.", f"{letter})", f"({letter})"]
    if kind == "shape":
        inner = [str(d) for d in key]
        return _unique([spec.text(key), "(" + ",".join(inner) + ")", "x".join(inner), " x ".join(inner),
                        "[" + ", ".join(inner) + "]", ", ".join(inner)])
    if kind == "exact" and np.ndim(key) == 0:
        return _fraction_spellings(numbers.fraction(key))
    if kind in ("vector", "matrix", "exact"):
        return _array_spellings(spec, np.asarray(key, dtype=object))
    return [spec.text(key)]


def _fraction_spellings(value: Fraction) -> list[str]:
    if value.denominator == 1:
        return [str(value.numerator)]
    out = [str(value), f"{value.numerator} / {value.denominator}"]
    decimal = terminating_decimal(value)
    return out + ([decimal] if decimal else [])


def terminating_decimal(value: Fraction) -> str | None:
    """`value` as an exact decimal (2/5 -> "0.4"), or None when its expansion does not end (2/3)."""
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    scaled = abs(value.numerator) * 10 ** places // value.denominator
    sign = "-" if value < 0 else ""
    digits = str(scaled).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}" if places else f"{sign}{digits}"


def _array_spellings(spec, key: np.ndarray) -> list[str]:
    digits = getattr(spec, "digits", None)  # exact entries are printed whole (fractions)
    rows = [[numbers.plain(v, digits) for v in row] for row in (key if key.ndim == 2 else key[None, :])]
    nested = numbers.plain(key, digits)
    if key.ndim == 1:
        (row,) = rows
        return _unique([nested, "[" + ",".join(row) + "]", ", ".join(row), " ".join(row)])
    return _unique([nested, "[" + ",".join("[" + ",".join(row) + "]" for row in rows) + "]",
                    "\n".join(", ".join(row) for row in rows), "\n".join(" ".join(row) for row in rows)])


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
