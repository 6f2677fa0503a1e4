r"""Rendered question text (LaTeX, "latex" mode) as an HTML fragment for the practice page.

Prose becomes escaped HTML (lists, bold, emphasis, line and paragraph breaks);
math is left as escaped TeX inside `<span class="math">` / `<div class="math
display">`, which the page typesets with the vendored KaTeX. Every character of
the source is escaped, so a template's text can never inject markup. Exam-class
`\choice` and `\CorrectChoice` both become a plain list item: the fragment does
not tell which option is correct.
"""
from __future__ import annotations

from html import escape

from qbank.practice.latex_prose import drop_figures, events
from qbank.practice.latex_split import split_math

_LISTS = {"itemize": "<ul>", "enumerate": "<ol>", "choices": '<ol class="choices" type="A">',
          "oneparchoices": '<ol class="choices" type="A">', "checkboxes": '<ol class="choices" type="A">'}
_STYLES = {"bold": "strong", "em": "em", "code": "code"}


def latex_to_html(source: str) -> str:
    """`source` as an HTML fragment; math stays TeX for KaTeX, prose is escaped and structured."""
    writer = _Writer()
    groups: list = []
    for segment in split_math(drop_figures(source)):
        if segment.kind == "inline":
            writer.out.append(f'<span class="math">{escape(segment.body.strip())}</span>')
        elif segment.kind == "display":
            writer.out.append(f'<div class="math display">{escape(segment.body.strip())}</div>')
        else:
            for event in events(segment.body, groups):
                writer.event(event)
    return writer.close()


class _Writer:
    """Keeps lists and styles balanced whatever the source does, so the fragment is always well formed."""

    def __init__(self):
        self.out: list[str] = []
        self.lists: list[list] = []  # [closing tag, an <li> is open]
        self.styles: list[str] = []
        self.centers = 0

    def event(self, event: tuple) -> None:
        kind = event[0]
        if kind == "text":
            self.out.append(escape(event[1]))
        elif kind == "open":
            self.styles.append(_STYLES[event[1]])
            self.out.append(f"<{self.styles[-1]}>")
        elif kind == "close" and self.styles:
            self.out.append(f"</{self.styles.pop()}>")
        elif kind == "begin" and event[1] in _LISTS:
            self._close_styles()
            self.out.append(_LISTS[event[1]])
            self.lists.append(["</ul>" if event[1] == "itemize" else "</ol>", False])
        elif kind == "begin" and event[1] == "center":
            self.centers += 1
            self.out.append('<div class="center">')
        elif kind == "end" and event[1] == "center" and self.centers:
            self.centers -= 1
            self.out.append("</div>")
        elif kind == "end" and event[1] in _LISTS and self.lists:
            self._close_list()
        elif kind == "item" and self.lists:
            self._close_styles()
            self.out.append("</li><li>" if self.lists[-1][1] else "<li>")
            self.lists[-1][1] = True
        elif kind == "break":
            self.out.append("<br>")
        elif kind == "par":
            self.out.append('<span class="par"></span>')

    def _close_styles(self) -> None:
        while self.styles:
            self.out.append(f"</{self.styles.pop()}>")

    def _close_list(self) -> None:
        self._close_styles()
        closing, item_open = self.lists.pop()
        self.out.append(("</li>" if item_open else "") + closing)

    def close(self) -> str:
        while self.lists:
            self._close_list()
        self._close_styles()
        self.out.append("</div>" * self.centers)
        return "".join(self.out).strip()
