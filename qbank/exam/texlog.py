r"""Reading pdflatex's log: each error's message and the line of the .tex file it stopped at.

TeX reports an error as `! message` and, a few lines below, `l.<n> <text read so far>`
for the input line where it stopped (The TeXbook, ch. 6). An argument left open by
an unbalanced brace runs on to the end of the file: TeX then prints no `l.<n>` but
`Runaway argument?` with the start of the argument's text above the error
("File ended while scanning use of \frac"); the line is found by searching the
source for that text, as a person would.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_STOP = re.compile(r"^l\.(\d+) ?(.*)")
_FILE_LINE = re.compile(r"^[^:\n]*\.tex:(\d+): (.*)$")  # the -file-line-error form of `! message`
CONTEXT = 30  # log lines after `! message` searched for its `l.<n>` line
_AFTERMATH = ("==> Fatal error occurred", "Emergency stop.")  # TeX giving up after an error, not an error


@dataclass
class TexError:
    """One LaTeX error: what TeX said, the source line it stopped at (None: not found) and the text there."""

    message: str
    line: int | None
    source: str


def errors(log: str, source: str) -> list:
    """Every error in `log` (of compiling the text `source`), in order."""
    lines = log.splitlines()
    found = []
    for index, text in enumerate(lines):
        file_line = _FILE_LINE.match(text)
        if not (text.startswith("! ") or file_line):
            continue
        message = (file_line.group(2) if file_line else text[2:]).strip()
        if message.startswith(_AFTERMATH):
            continue
        stop = next((m for m in map(_STOP.match, lines[index + 1:index + CONTEXT]) if m), None)
        runaway = next((i for i in range(index - 1, max(-1, index - 6), -1) if lines[i] == "Runaway argument?"), None)
        if runaway is not None:  # TeX wraps the argument's text at 79 columns
            found.append(TexError(message, *_runaway("".join(lines[runaway + 1:index]), source)))
        elif stop is not None:
            found.append(TexError(message, int(stop.group(1)), stop.group(2).strip()))
        else:
            found.append(TexError(message, int(file_line.group(1)) if file_line else None, ""))
    return found


def _runaway(shown: str, source: str) -> tuple:
    """(line, text) where a runaway argument starts in `source`, from the start of it that TeX `shown`."""
    shown = shown.strip()
    start = shown.split("\\", 1)[0].strip()  # the argument's own text, up to its first control sequence
    lines = source.splitlines()
    words = start.split(" ")
    while words and len(" ".join(words)) >= 4:
        needle = " ".join(words)
        number = next((n for n, text in enumerate(lines, start=1) if needle in text), None)
        if number is not None:
            return number, lines[number - 1].strip()
        words.pop()
    return None, shown
