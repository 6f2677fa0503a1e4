"""Ask one part in a terminal: read the answer (re-asking when it cannot be read), say right or wrong.

Matrices may be typed as `[[1, 2], [3, 4]]` or one row per line ending with an
empty line. Text parts (explain-why) show the model answer after the student's
attempt and ask for a y/n self-assessment.
"""
from __future__ import annotations

import numpy as np

from qbank.engine.scoring import BLANK, PARTIAL, RIGHT, UNREADABLE, WRONG, Verdict
from qbank.practice.checking import check_part, hint
from qbank.practice.latex_text import latex_to_text

RIGHT_MARK, PARTIAL_MARK, WRONG_MARK = "✓", "◐", "✗"
MARKS = {RIGHT: RIGHT_MARK, PARTIAL: PARTIAL_MARK}


def mark(verdict: Verdict) -> str:
    """✓ right, ◐ partly right, ✗ anything else."""
    return MARKS.get(verdict.state, WRONG_MARK)


def takes_rows(part) -> bool:
    """Whether the part's answer is a matrix, typed one row per line in the terminal."""
    return part.spec.kind == "matrix" or (part.spec.kind == "exact" and np.ndim(part.value) == 2)


class PartAsker:
    """Reads answers through `read(prompt) -> str` and writes through `write(text)`."""

    def __init__(self, read, write, width: int):
        self.read, self.write, self.width = read, write, width

    def ask(self, instance, part) -> Verdict:
        """Ask until the answer can be read; returns the verdict (self-assessed for text parts)."""
        if part.spec.kind == "text":
            return self._self_assess(instance, part)
        rows = " (one row per line, then an empty line)" if takes_rows(part) else ""
        self.write(f"  Answer with {hint(instance, part)}{rows}.")
        while True:
            verdict = check_part(instance, part, self._read_answer(part))
            if verdict.state not in (UNREADABLE, BLANK):
                self.write(f"  {mark(verdict)} " + {RIGHT: "right", PARTIAL: "partly right", WRONG: "not right"}[
                    verdict.state] + (f": {verdict.message}" if verdict.message else "")
                           + f" ({verdict.points:g} of {verdict.max:g} pt)")
                return verdict
            self.write(f"  {verdict.message[:1].upper()}{verdict.message[1:]}. Try again.")

    def _read_answer(self, part) -> str:
        first = self.read("  > ")
        if not takes_rows(part) or not first.strip() or first.strip()[0] in "[(":
            return first
        rows = [first]
        while True:  # one row per line until an empty line
            row = self.read("  . ")
            if not row.strip():
                return "\n".join(rows)
            rows.append(row)

    def _self_assess(self, instance, part) -> Verdict:
        self.write("  Answer in your own words (one line; Enter to skip), then compare with the model answer.")
        self.read("  > ")
        model = latex_to_text(instance.render("solution", "text") if instance.template.kind == "short"
                              else part.spec.text(part.value), self.width)
        self.write("  " + model.replace("\n", "\n  "))
        while True:
            reply = self.read("  Did your answer say the same? [y/n] ").strip().lower()
            if reply in ("y", "yes", "n", "no"):
                return Verdict(part.points if reply.startswith("y") else 0.0, part.points,
                               RIGHT if reply.startswith("y") else WRONG, "self-assessed")
            self.write("  Please type y or n.")
