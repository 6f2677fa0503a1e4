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
    """One stack of open elements, so lists, items, styles and centering always close in order, whatever
    the source does: ending an element first closes everything opened inside it."""

    def __init__(self):
        self.out: list[str] = []
        self.open: list[tuple[str, str]] = []  # (kind, closing tag): kind is style, list, item or center

    def event(self, event: tuple) -> None:
        """Write one prose event (see latex_prose.events)."""
        kind = event[0]
        if kind == "text":
            self.out.append(escape(event[1]))
        elif kind == "open":
            self._push("style", _STYLES[event[1]])
        elif kind == "close":
            self._close_through("style")
        elif kind == "begin" and event[1] in _LISTS:
            self.out.append(_LISTS[event[1]])
            self.open.append(("list", "</ul>" if event[1] == "itemize" else "</ol>"))
        elif kind == "end" and event[1] in _LISTS:
            self._close_through("list")
        elif kind == "item" and any(k == "list" for k, _ in self.open):
            while self.open[-1][0] != "list":
                self.out.append(self.open.pop()[1])
            self._push("item", "li")
        elif kind == "begin" and event[1] == "center":
            self.out.append('<div class="center">')
            self.open.append(("center", "</div>"))
        elif kind == "end" and event[1] == "center":
            self._close_through("center")
        elif kind == "break":
            self.out.append("<br>")
        elif kind == "par":
            self.out.append('<span class="par"></span>')

    def _push(self, kind: str, tag: str) -> None:
        self.out.append(f"<{tag}>")
        self.open.append((kind, f"</{tag}>"))

    def _close_through(self, kind: str) -> None:
        """Close the innermost open element of `kind` and everything inside it (nothing when none is open)."""
        if any(k == kind for k, _ in self.open):
            while True:
                open_kind, closing = self.open.pop()
                self.out.append(closing)
                if open_kind == kind:
                    return

    def close(self) -> str:
        """Close whatever is still open; the finished fragment."""
        while self.open:
            self.out.append(self.open.pop()[1])
        return "".join(self.out).strip()
