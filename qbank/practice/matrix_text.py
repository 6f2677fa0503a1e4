"""Matrices in terminal text: one row per line, columns right-aligned, rows under the opening bracket.

A matrix's rows can only be indented once the text before it on its line is
known, so `MatrixLayout.placeholder` stands in for it while the math is
converted and `expand` lays every matrix out at the end.
"""
from __future__ import annotations

import re

_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_NESTED = re.compile(r"\[\[[^\[\]]*\](?:,\s*\[[^\[\]]*\])+\]")  # [[1, 2], [3, 4]]: two rows or more
_ROW = re.compile(r"\[([^\[\]]*)\]")
_AFTER_MATRIX = re.compile("(\x00\\d+\x00[,;]?)[ \t\u2003]+(?=\\S)")


class MatrixLayout:
    """The matrices met so far, each standing in the text as a placeholder until `expand`."""

    def __init__(self):
        self.matrices: list[list[list[str]]] = []

    def placeholder(self, cells: list[list[str]]) -> str:
        """Remember a matrix (rows of cell texts); the marker that stands for it until `expand`."""
        self.matrices.append([[cell.strip() for cell in row] for row in cells])
        return f"\x00{len(self.matrices) - 1}\x00"

    def display(self, text: str) -> str:
        """Display math: nested lists of two rows or more become matrices too, and what follows one
        starts a new line (two matrices side by side cannot both be laid out in rows)."""
        text = _NESTED.sub(lambda m: self.placeholder([r.split(",") for r in _ROW.findall(m.group(0))]), text)
        return _AFTER_MATRIX.sub("\\1\n", text)

    def expand(self, text: str) -> str:
        """Replace each placeholder by its rows, the later rows indented under the first row's `[`."""
        out, pos = [], 0
        for match in _PLACEHOLDER.finditer(text):
            out.append(text[pos:match.start()])
            done = "".join(out)
            indent = " " * (len(done) - done.rfind("\n"))  # the column just after the opening "["
            cells = self.matrices[int(match.group(1))]
            widths = [max(len(row[c]) for row in cells if c < len(row)) for c in range(max(map(len, cells)))]
            rows = ["[" + ", ".join(cell.rjust(widths[c]) for c, cell in enumerate(row)) + "]" for row in cells]
            out.append("[" + (",\n" + indent).join(rows) + "]")
            pos = match.end()
        out.append(text[pos:])
        return "".join(out)
