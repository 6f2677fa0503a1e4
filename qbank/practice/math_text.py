r"""LaTeX math to readable terminal text: `\frac{a}{b}` -> a/b, `x_1` -> x₁, `\mathbf{x}^\top` -> xᵀ.

A small recursive reader of the math the templates write (not a TeX engine):
commands with brace arguments, `_`/`^` scripts, groups and matrix
environments. A bmatrix becomes `[[1, 2], [3, 4]]`, the form a student types
back; a matrix with several rows is laid out in rows by `matrix_text`.
"""
from __future__ import annotations

import re

from qbank.practice.matrix_text import MatrixLayout
from qbank.practice.symbols import ACCENTS, BLACKBOARD, GREEK, OPERATORS, SUBSCRIPT, SUPERSCRIPT, SYMBOLS

_STRIP = {"mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathsf", "mathtt", "text", "textrm", "textbf",
          "textit", "texttt", "emph", "operatorname", "mathcal", "mathscr", "mbox", "displaystyle", "textstyle"}
_SIZES = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
          "middle", "limits", "nolimits", "scriptstyle"}
_MATRICES = {"bmatrix", "pmatrix", "matrix", "vmatrix", "Bmatrix", "smallmatrix"}
_SPACES = {",": " ", ";": " ", ":": " ", " ": " ", "!": "", "|": "‖"}
_SIMPLE = re.compile(r"[-−]?[\w.′∂∇']+")
# Letters and the like: TeX drops the space after them (\partial L -> ∂L); operators keep theirs (a × b).
_ORDINARY = set(GREEK) | {"partial", "nabla", "ell", "hbar", "infty", "top", "prime"}


class MathText:
    """Converts math bodies; keeps the multi-row matrices it met for `layout_matrices`."""

    def __init__(self):
        self.matrices = MatrixLayout()

    def convert(self, body: str, display: bool = False) -> str:
        """One math body as text; spaces collapsed as TeX would, `\\` and aligned rows as new lines.

        In display math a matrix the text mode wrote as `[[1, 2], [3, 4]]` is laid out one row per line too.
        """
        out, _ = self._read(body, 0, stop=None)
        if display:
            out = self.matrices.display(out)
        return re.sub(r"[ \t]{2,}", " ", out).strip()  # TeX ignores spaces in math; \quad is an em space

    def _read(self, s: str, i: int, stop: str | None) -> tuple[str, int]:
        out = []
        while i < len(s):
            ch = s[i]
            if stop is not None and ch == stop:
                return "".join(out), i + 1
            if ch == "\\":
                text, i = self._command(s, i + 1)
                out.append(text)
            elif ch == "{":
                text, i = self._read(s, i + 1, "}")
                out.append(text)
            elif ch in "_^":
                arg, i = self._argument(s, i + 1)
                out.append(_script(arg, SUBSCRIPT if ch == "_" else SUPERSCRIPT, ch))
            elif ch == "&":
                out.append("\u2003")
                i += 1
            elif ch == "~":
                out.append(" ")
                i += 1
            else:
                out.append(" " if ch in "\n\t" else ch)
                i += 1
        return "".join(out), i

    def _argument(self, s: str, i: int) -> tuple[str, int]:
        """The next argument: a {group}, a \\command or one character (spaces before it skipped)."""
        while i < len(s) and s[i] == " ":
            i += 1
        if i >= len(s):
            return "", i
        if s[i] == "{":
            return self._read(s, i + 1, "}")
        if s[i] == "\\":
            return self._command(s, i + 1)
        return s[i], i + 1

    def _command(self, s: str, i: int) -> tuple[str, int]:
        match = re.compile(r"[A-Za-z]+").match(s, i)
        if match is None:  # a one-character command: \, \{ \\ ...
            ch = s[i] if i < len(s) else ""
            return ("\n" if ch == "\\" else _SPACES.get(ch, ch)), i + 1
        name, i = match.group(0), match.end()
        if name in ("frac", "tfrac", "dfrac"):
            num, i = self._argument(s, i)
            den, i = self._argument(s, i)
            text = f"{_wrap(num)}/{_wrap(den)}"
            following = s[i:].lstrip(" ")[:1]
            return (f"({text})" if following.isalnum() or following in ("(", "[", "\\") else text), i
        if name == "sqrt":
            index = ""
            if i < len(s) and s[i] == "[":
                index, i = self._read(s, i + 1, "]")
            arg, i = self._argument(s, i)
            return _script(index, SUPERSCRIPT, "^") + "√" + _wrap(arg), i
        if name in ACCENTS:
            arg, i = self._argument(s, i)
            return (arg + ACCENTS[name] if len(arg) == 1 else f"{name}({arg})"), i
        if name == "mathbb":
            arg, i = self._argument(s, i)
            return BLACKBOARD.get(arg, arg), i
        if name in _STRIP:
            return self._argument(s, i)
        if name in ("begin", "end"):
            env, i = self._argument(s, i)
            return (self._environment(s, i, env) if name == "begin" else ("", i))
        if name in _SIZES:  # \left( -> (, and \left. (an invisible delimiter) -> nothing
            return ("", i + 1) if s[i:i + 1] == "." else ("", i)
        if name in OPERATORS:  # \max z -> "max z", \max(z) -> "max(z)"
            return name + (" " if _next_is_word(s, i) else ""), i
        if name in _ORDINARY and _next_is_word(s, i):
            i = len(s) - len(s[i:].lstrip(" "))
        return SYMBOLS.get(name, name), i

    def _environment(self, s: str, i: int, env: str) -> tuple[str, int]:
        end = s.find(f"\\end{{{env}}}", i)
        end = len(s) if end == -1 else end
        body, after = s[i:end], min(len(s), end + len(f"\\end{{{env}}}"))
        rows = [r for r in re.split(r"\\\\(?:\[[^\]]*\])?", body) if r.strip()]
        cells = [[self.convert(c) for c in row.split("&")] for row in rows]
        if env not in _MATRICES:  # aligned, cases, array: one line per row
            return "\n".join("  ".join(c for c in row if c) for row in cells), after
        if all(len(row) == 1 for row in cells) and len(cells) > 1:
            return "[" + ", ".join(row[0] for row in cells) + "]ᵀ", after
        if len(cells) == 1:
            return "[" + ", ".join(cells[0]) + "]", after
        return self.matrices.placeholder(cells), after

    def layout_matrices(self, text: str) -> str:
        """`text` with every matrix met so far laid out in aligned rows."""
        return self.matrices.expand(text)


def _next_is_word(s: str, i: int) -> bool:
    """Whether a letter, digit or a letter-like command follows (spaces skipped): TeX sets no space there."""
    rest = s[i:].lstrip(" ")
    match = re.match(r"\\([A-Za-z]+)", rest)
    return rest[:1].isalnum() or bool(match and (match.group(1) in _ORDINARY or match.group(1) in _SIZES
                                                  or match.group(1) in _STRIP))


def _wrap(text: str) -> str:
    """Parentheses around a compound numerator, denominator or radicand: (a + b)/c, not a + b/c."""
    text = text.strip()
    if _SIMPLE.fullmatch(text) or (text.startswith("(") and text.endswith(")") and text.count("(") == 1):
        return text
    return f"({text})"


def _script(arg: str, table: dict, mark: str) -> str:
    """x₁ and xᵀ where Unicode has every character, else x_(ab) / x^(ab) so nothing is lost."""
    arg = arg.strip()
    if not arg:
        return ""
    if all(ch in table for ch in arg):
        return "".join(table[ch] for ch in arg)
    bracketed = arg.startswith("(") and arg.endswith(")") and arg.count("(") == 1
    return f"{mark}{arg}" if len(arg) == 1 or bracketed else f"{mark}({arg})"
