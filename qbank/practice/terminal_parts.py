"""Ask one part in a terminal: read the answer (re-asking when it cannot be read), say right or wrong.

Matrices may be typed as `[[1, 2], [3, 4]]` or one row per line ending with an
empty line. Text parts (explain-why) show the model answer after the student's
attempt and ask for a y/n self-assessment.
"""
from __future__ import annotations

from qbank.engine.answers import Text
from qbank.practice.checking import CORRECT, INVALID, WRONG, Verdict, check_part, hint
from qbank.practice.latex_text import latex_to_text

RIGHT_MARK, WRONG_MARK = "✓", "✗"


class PartAsker:
    """Reads answers through `read(prompt) -> str` and writes through `write(text)`."""

    def __init__(self, read, write, width: int):
        self.read, self.write, self.width = read, write, width

    def ask(self, instance, part) -> Verdict:
        """Ask until the answer can be read; returns the verdict (self-assessed for Text parts)."""
        if isinstance(part.spec, Text):
            return self._self_assess(instance, part)
        self.write(f"  Answer with {hint(instance, part, terminal=True)}.")
        while True:
            text = self._read_answer(part)
            verdict = check_part(instance, part, text)
            if verdict.status != INVALID:
                self.write(f"  {RIGHT_MARK} correct" if verdict.status == CORRECT else f"  {WRONG_MARK} not correct")
                return verdict
            self.write(f"  Cannot use that: {verdict.message}. Try again.")

    def _read_answer(self, part) -> str:
        first = self.read("  > ")
        if part.spec.kind != "matrix" or not first.strip() or first.strip()[0] in "[(":
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
                return Verdict(CORRECT if reply.startswith("y") else WRONG)
            self.write("  Please type y or n.")
