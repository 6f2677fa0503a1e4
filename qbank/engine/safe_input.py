"""Untrusted answer text: refuse what could run code or take the checker minutes, before it is parsed.

Expression.parse applies it to every typed expression (grading, practice, the web page).

Numbers, lists and shapes are read by `reader.read` (no code runs),
but `10**999999` style exponents still cost time, so scientific exponents have
at most 3 digits. Expressions go to sympy's `parse_expr`, which evaluates
Python: only names a student needs (declared symbols, a few functions) and
number-literal dots pass, and constant powers are bounded by walking the
unevaluated tree first (`9^(99^99)` would otherwise hang the server).
"""
from __future__ import annotations

import builtins
import math
import re

MAX_CHARS = 4000
MAX_EXPRESSION_CHARS = 400
MAX_DIGITS = 1000  # the largest constant an expression may build, in decimal digits
MAX_SYMBOLIC_POWER = 100  # x^100 still simplifies quickly; x^100000 does not

_BIG_EXPONENT = re.compile(r"\d[eE][+-]?\d{4,}")
_EXPRESSION_CHARS = re.compile(r"^[A-Za-z0-9_\s+\-*/^().,\[\]]*$")
_NUMBER_LITERAL = re.compile(r"\d*\.\d+|\d+\.\d*|\d+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FUNCTIONS = frozenset({"sqrt", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "Abs", "Max",
                       "Min", "pi", "E", "Matrix", "Rational"})


def unsafe_reason(text: str, kind: str, symbols=()) -> str | None:
    """Why `text` must not reach the parser of an answer of `kind`, or None when it may."""
    if len(text) > MAX_CHARS:
        return f"the answer is too long (at most {MAX_CHARS} characters)"
    if _BIG_EXPONENT.search(text):
        return "an exponent in scientific notation has at most 3 digits"
    if kind == "expression":
        return _expression_reason(text, frozenset(symbols))
    return None


def _expression_reason(text: str, symbols: frozenset) -> str | None:
    if len(text) > MAX_EXPRESSION_CHARS:
        return f"the expression is too long (at most {MAX_EXPRESSION_CHARS} characters)"
    if not _EXPRESSION_CHARS.match(text):
        return "use only letters, digits, spaces and + - * / ^ ( ) [ ] , ."
    if "__" in text or "." in _NUMBER_LITERAL.sub("0", text):
        return "a dot may only appear inside a number such as 0.5"
    for name in _NAME.findall(_NUMBER_LITERAL.sub(" ", text)):
        if name not in symbols and name not in FUNCTIONS and _reserved(name):
            known = ", ".join(sorted(symbols)) or "letters such as x, w_1"
            return f"unknown name {name!r}: use {known} and sqrt, exp, log, tanh"
    return _size_reason(text, symbols)


def _reserved(name: str) -> bool:
    """A name sympy's parser would turn into a Python object (a builtin or a sympy name), not a symbol."""
    import sympy

    return hasattr(builtins, name) or hasattr(sympy, name)


def _size_reason(text: str, symbols: frozenset) -> str | None:
    import sympy
    from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application, parse_expr,
                                            rationalize, standard_transformations)

    transformations = standard_transformations + (implicit_multiplication_application, convert_xor, rationalize)
    try:
        tree = parse_expr(text, local_dict={s: sympy.Symbol(s) for s in symbols},
                          transformations=transformations, evaluate=False)
    except Exception:  # noqa: BLE001 - unreadable text is for the engine's parser to report
        return None
    try:
        _digits(tree)
    except _TooLarge as exc:
        return str(exc)
    return None


class _TooLarge(Exception):
    pass


def _digits(node) -> float | None:
    """About how many decimal digits a constant subtree has (None when it holds a symbol); raises _TooLarge."""
    import sympy

    if isinstance(node, (list, tuple)) or isinstance(node, sympy.MatrixBase):
        for child in node:
            _digits(child)
        return None
    if isinstance(node, sympy.Rational):
        return math.log10(abs(int(node.p)) + 1) + math.log10(int(node.q))
    if isinstance(node, sympy.Number):
        return math.log10(abs(float(node)) + 1)
    if not isinstance(node, sympy.Basic) or not node.args:
        return None if isinstance(node, sympy.Symbol) or not isinstance(node, sympy.Basic) else 0.0
    sizes = [_digits(arg) for arg in node.args]
    if isinstance(node, sympy.Pow):
        return _power_digits(node, *sizes)
    if any(size is None for size in sizes):
        return None
    total = sum(sizes) if isinstance(node, sympy.Mul) else max(sizes) + 1
    if total > MAX_DIGITS:
        raise _TooLarge(f"a number in the expression would have more than {MAX_DIGITS} digits")
    return total


def _power_digits(node, base_digits, exponent_digits):
    if exponent_digits is None:
        return None
    if exponent_digits > 4:
        raise _TooLarge("an exponent is too large")
    exponent = abs(float(node.exp))
    if base_digits is None:
        if exponent > MAX_SYMBOLIC_POWER:
            raise _TooLarge(f"a power of a symbol may have an exponent of at most {MAX_SYMBOLIC_POWER}")
        return None
    total = exponent * max(base_digits, 1.0)
    if total > MAX_DIGITS:
        raise _TooLarge(f"a number in the expression would have more than {MAX_DIGITS} digits")
    return total
