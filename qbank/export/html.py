r"""Question text for an LMS: rendered LaTeX as HTML whose math MathJax typesets (`\( \)`, `\[ \]`).

Prose goes through the practice page's LaTeX-to-HTML writer (every character
escaped, so a template cannot inject markup); its math spans become MathJax
delimiters, with the TeX inside still HTML-escaped (`&amp;` in a bmatrix is `&` to
MathJax, which reads the text of the page). The exam class's `choices` list is
split off, so an LMS can show the options as its own radio buttons.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qbank.practice.latex_html import latex_to_html

_MATH = re.compile(r'<span class="math">(.*?)</span>|<div class="math display">(.*?)</div>', re.S)
_CHOICES = re.compile(r"\\begin\{(choices|oneparchoices)\}(.*?)\\end\{\1\}", re.S)
_ITEM = re.compile(r"\\(CorrectChoice|choice)\b")


@lru_cache(maxsize=4096)  # options, prompts and keys repeat across versions
def to_html(latex: str) -> str:
    """`latex` as an HTML fragment for an LMS with MathJax (Moodle's filter, Canvas's renderer)."""
    html = latex_to_html(latex)
    html = _MATH.sub(lambda m: rf"\({m.group(1)}\)" if m.group(1) is not None else rf"\[{m.group(2)}\]", html)
    return html.replace('<span class="par"></span>', "<br><br>")


def split_choices(latex: str):
    r"""(stem, options, correct): the text without its `choices` list, each option's LaTeX, the `\CorrectChoice` index.

    options is empty and correct None when the text has no choices list.
    """
    match = _CHOICES.search(latex)
    if not match:
        return latex, [], None
    pieces = _ITEM.split(match.group(2))  # [before, kind, text, kind, text, ...]
    kinds, options = pieces[1::2], [text.strip() for text in pieces[2::2]]
    correct = kinds.index("CorrectChoice") if "CorrectChoice" in kinds else None
    return latex[:match.start()] + latex[match.end():], options, correct
