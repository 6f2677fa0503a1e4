r"""jinja2 with LaTeX-safe delimiters: `\VAR{x}` prints, `\BLOCK{for ...}` controls, `\#{...}` comments.

Undefined names fail loudly (StrictUndefined). Numbers print through the same
formatters as the answer key, so the rounding shown matches the rounding graded.
Two modes share the filters: "latex" for exams and the web page (KaTeX reads the
math), "text" for a terminal (matrices as [[1, 2], [3, 4]], fractions as 2/3).
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import jinja2
import numpy as np

from qbank.engine import compile_cache, numbers
from qbank.errors import InputError
from qbank.paths import data_dir


def _is_number(value):
    return isinstance(value, (int, float, Fraction, np.integer, np.floating)) and not isinstance(value, bool)


def _filters(mode):
    latex = mode == "latex"
    fmt = numbers.latex if latex else numbers.plain

    def num(x, digits=None):
        return fmt(x, digits)

    def bmatrix(m, digits=None):
        return fmt(np.asarray(m, dtype=object) if not isinstance(m, np.ndarray) else m, digits)

    def col(v, digits=None):
        column = np.asarray(v, dtype=object).reshape(-1, 1)
        return numbers.latex(column, digits) if latex else numbers.plain(np.asarray(v).ravel(), digits) + "^T"

    def paren(x, digits=None):
        """A number ready to follow an operator: negatives in parentheses, `3 \\cdot (-2)`."""
        text = fmt(x, digits)
        return f"({text})" if text.startswith("-") else text

    def signed(x, digits=None):
        """`+ 3` or `- 3`, to write `a x + b` with a drawn b of either sign."""
        text = fmt(x, digits)
        return f"- {text[1:]}" if text.startswith("-") else f"+ {text}"

    def shape(t):
        return "(" + ", ".join(str(int(d)) for d in t) + ")"

    def sym(expr):
        import sympy

        return sympy.latex(expr) if latex else str(expr)

    return {"num": num, "bmatrix": bmatrix, "col": col, "paren": paren, "signed": signed,
            "shape": shape, "sym": sym, "letter": lambda i: chr(ord("A") + int(i))}


def _finalize(mode):
    fmt = numbers.latex if mode == "latex" else numbers.plain

    def finalize(value):
        if type(value) is str:  # most output is already formatted by a filter: skip the type tests (~15% of render)
            return value
        if _is_number(value) or isinstance(value, np.ndarray):
            return fmt(value)
        if isinstance(value, tuple) and all(_is_number(v) for v in value):
            return "(" + ", ".join(fmt(v) for v in value) + ")"
        return value

    return finalize


@lru_cache(maxsize=8)
def environment(mode: str = "latex", search_path: tuple = ()) -> jinja2.Environment:
    """The jinja2 environment of `mode`; `\\BLOCK{import ...}` and includes look in `search_path`, then in templates/."""
    env = jinja2.Environment(
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        line_comment_prefix="%#", trim_blocks=True, lstrip_blocks=True, autoescape=False,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, finalize=_finalize(mode),
        loader=jinja2.FileSystemLoader([*search_path, str(data_dir("templates"))]),
        bytecode_cache=compile_cache.bytecode_cache(),
    )
    env.filters.update(_filters(mode))
    env.globals["mode"] = mode
    return env


@lru_cache(maxsize=1024)
def _compiled(source: str, mode: str, search_path: tuple) -> jinja2.Template:
    # Compiling dominates rendering (about 90% of it); a template's text is compiled once per mode.
    return compile_cache.from_string(environment(mode, search_path), source)


def render_string(source: str, context: dict, mode: str = "latex", where: str = "", search_path=()) -> str:
    """Render `source`; a jinja2 error becomes an InputError naming `where` and the line."""
    try:
        return _compiled(source, mode, tuple(search_path)).render(**context)
    except jinja2.UndefinedError as exc:
        raise InputError(f"{where}: undefined variable in template text ({exc.message})") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{where}: line {exc.lineno}: {exc.message}") from exc


def render_text(instance, which: str, mode: str = "latex") -> str:
    """An instance's question or solution text in `mode`."""
    tpl = instance.template
    return render_string(tpl.text(which), instance.context(), mode, where=f"template {tpl.id} ({which})",
                         search_path=(str(tpl.directory),))


def render_prompt(instance, part, mode: str = "latex") -> str:
    """One part's own prompt (empty when the stem already asks everything)."""
    if not part.spec.prompt:
        return ""
    return render_string(part.spec.prompt, instance.context(), mode,
                         where=f"template {instance.template.id} (part {part.name})")


def check_renders(instance) -> None:
    """Render everything once in both modes; raises InputError on an undefined name or a syntax error."""
    for mode in ("latex", "text"):
        for which in ("question", "solution"):
            render_text(instance, which, mode)
        for part in instance.parts:
            render_prompt(instance, part, mode)


__all__ = ["environment", "render_string", "render_text", "render_prompt", "check_renders"]
