"""Numbers in and out: exact numbers from keys and typed tokens, keys formatted for LaTeX, text and JSON.

Numbers are read exactly (`0.1` is Fraction(1, 10)) so that exact answer types
never see binary rounding; real-valued types convert with `to_float`. Whole
typed answers (lists, matrices, shapes) are read by reader.py.
"""
from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?(\d+))?$")  # 3, -0.25, 1e-3
MAX_EXPONENT_DIGITS = 3  # `1e99999999` would build a hundred-million-digit integer: reading it would hang grading


def fraction(value) -> Fraction:
    """An exact Fraction from an int, Fraction, decimal string or float (floats by their shortest repr)."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(repr(float(value)))
    if isinstance(value, np.integer):
        return Fraction(int(value))
    if isinstance(value, str):
        return _scalar(value)
    return Fraction(value)


def _scalar(text: str) -> Fraction:
    """`3`, `-0.25`, `1e-3` or one fraction `2/3`; `1/2/3` (which grouping?) and `1/0` are refused."""
    text = text.strip().replace("\u2212", "-")
    if "/" in text:
        num, _, den = text.partition("/")
        if "/" in den:
            raise ValueError(f"not a number: {text!r} (write a single fraction such as 2/3)")
        num, den = _scalar(num), _scalar(den)
        if den == 0:
            raise ValueError(f"not a number: {text!r} divides by zero")
        return num / den
    match = DECIMAL.match(text)
    if not match:
        raise ValueError(f"not a number: {text!r}")
    if match.group(4) and len(match.group(4)) > MAX_EXPONENT_DIGITS:
        raise ValueError(f"not a number: {text!r} (an exponent has at most {MAX_EXPONENT_DIGITS} digits)")
    return Fraction(text)


def to_float(value):
    """Fractions (nested in lists too) and numpy scalars as floats."""
    if isinstance(value, (list, tuple)):
        return [to_float(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype == object:
        return value.astype(float)
    if isinstance(value, Fraction):
        return float(value)
    return value


def jsonable(value):
    """Plain JSON values: arrays as nested lists, Fractions as "p/q" strings, numpy scalars unboxed."""
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()] if value.dtype == object else value.tolist()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (int, float, str)) or value is None:
        return value
    return str(value)


def plain(value, digits=None) -> str:
    """A number or array as a person types it: `0.125`, `2/3`, `[[1, 2], [3, 4]]`."""
    if isinstance(value, (list, tuple, np.ndarray)):
        arr = np.asarray(value, dtype=object)
        if arr.ndim == 0:
            return plain(arr.item(), digits)
        return "[" + ", ".join(plain(v, digits) for v in arr) + "]"
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return decimal(float(value), digits)
    return str(value)


def decimal(x: float, digits=None) -> str:
    """`digits` decimals with trailing zeros dropped (6 significant figures when None); never `-0`."""
    text = f"{x:.{digits}f}" if digits is not None else f"{x:.6g}"
    if "e" not in text and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def latex(value, digits=None) -> str:
    """A number, Fraction or array in LaTeX math: arrays as bmatrix, fractions as \\frac."""
    if isinstance(value, (list, np.ndarray)):
        arr = np.asarray(value, dtype=object)
        if arr.ndim == 1:
            arr = arr[None, :]
        rows = (" & ".join(_entry(v, digits) for v in row) for row in arr)
        return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"
    if isinstance(value, tuple):
        return "(" + ", ".join(latex(v, digits) for v in value) + ")"
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if isinstance(value, (float, np.floating)):
        text = decimal(float(value), digits)
        if "e" in text:
            mantissa, _, exponent = text.partition("e")
            return rf"{mantissa} \times 10^{{{int(exponent)}}}"
        return text
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and abs(int(value)) >= 10000:
        return f"{int(value):,}".replace(",", "{,}")
    return plain(value, digits)


def _entry(value, digits) -> str:
    """latex(value, digits) for one matrix entry: a Python int or float (what an object array of numbers holds)
    skips latex()'s chain of type tests (a third of rendering an exam's matrices); anything else goes through it."""
    kind = type(value)
    if kind is int and -10000 < value < 10000:
        return str(value)
    if kind is float:
        text = decimal(value, digits)
        if "e" not in text:
            return text
    return latex(value, digits)
