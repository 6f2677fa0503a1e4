"""`qbank practice` in a terminal: a fresh question, an answer per part, instant feedback, the worked solution.

Score and streak are kept for the session; the progress file records each
finished question, so the next session prefers what went wrong (see
`selection`). Ctrl-C and end of input stop cleanly: progress is saved (after
every question, and once more on the way out) and a summary is printed.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass

from qbank.engine.generate import generate
from qbank.engine.render import render_prompt
from qbank.errors import InputError
from qbank.engine.scoring import RIGHT
from qbank.practice.latex_text import latex_to_text
from qbank.practice.selection import choose
from qbank.practice.terminal_parts import PartAsker, mark


@dataclass
class Drill:
    """One terminal session: `read(prompt)` and `write(text)` are input and print unless a caller swaps them."""

    templates: list
    progress: object  # progress.Progress
    seed: int
    count: int | None = None  # None: until Ctrl-C or end of input
    read: object = input
    write: object = print

    def __post_init__(self):
        self.width = min(100, shutil.get_terminal_size((100, 24)).columns)
        self.asker = PartAsker(self.read, self.write, self.width)
        self.asked = self.right = self.streak = 0

    def run(self) -> None:
        """Ask questions until `count` is reached, Ctrl-C or end of input; save progress and summarize."""
        self.progress.save()  # a progress file that cannot be written fails now, before any effort is lost
        self.write(f"qbank practice: {len(self.templates)} templates, session seed {self.seed} "
                   f"(--seed {self.seed} replays it). Ctrl-C or Ctrl-D stops.")
        previous = None
        try:
            while self.count is None or self.asked < self.count:
                template, seed = choose(self.templates, self.progress, self.seed, self.asked, previous)
                try:  # draw and render everything before asking, so a broken template costs no effort
                    inst = generate(template, seed)
                    texts = self._texts(inst)
                except Exception as exc:  # noqa: BLE001 - an instructor's broken template must not end the drill
                    reason = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
                    self.templates = [t for t in self.templates if t is not template]
                    if not self.templates:
                        raise InputError(f"no template left to practise; the last failed: {reason}") from exc
                    self.write(f"Skipping {template.id}: {reason}")
                    continue
                self._question(inst, texts)
                previous = template.id
        except (KeyboardInterrupt, EOFError):
            self.write("\nStopping.")
        finally:
            self.progress.save()
            self.write(f"\nSession: {self.right} of {self.asked} questions fully right, "
                       f"best streak {self.progress.best_streak}. Progress saved to {self.progress.path}.")

    def _texts(self, inst) -> dict:
        """Question, part prompts and solution as terminal text."""
        return {"question": latex_to_text(inst.render("question", "text"), self.width),
                "solution": latex_to_text(inst.render("solution", "text"), self.width),
                "prompts": [latex_to_text(render_prompt(inst, part, "text"), self.width) for part in inst.parts]}

    def _question(self, inst, texts: dict) -> None:
        tpl = inst.template
        # The seed lets a student (or a test) reproduce the question: qbank show ID --seed N --solution
        self.write(f"\n=== Question {self.asked + 1}: {tpl.title} "
                   f"[{tpl.id}, {tpl.topic}, {inst.points:g} pt, seed {inst.seed}]")
        self.write(texts["question"])
        verdicts = []
        for index, (part, prompt) in enumerate(zip(inst.parts, texts["prompts"])):
            if len(inst.parts) > 1:
                self.write(f"\n({chr(ord('a') + index)}) {prompt or part.label} [{part.points:g} pt]")
            elif prompt:
                self.write("\n" + prompt)
            verdicts.append(self.asker.ask(inst, part))
        self._feedback(inst, verdicts, texts["solution"])

    def _feedback(self, inst, verdicts, solution: str) -> None:
        all_right = all(v.state == RIGHT for v in verdicts)
        if len(verdicts) > 1:
            wrong = [f"({chr(ord('a') + i)})" for i, v in enumerate(verdicts) if v.state != RIGHT]
            self.write("\nAll parts right." if all_right else f"\nNot right: {', '.join(wrong)}.")
        if inst.template.kind != "short":  # a short item showed its model answer and rubric already
            self.write("\nWorked solution:\n" + solution)
        self.write("\nKey:")
        for index, (part, verdict) in enumerate(zip(inst.parts, verdicts)):
            key = "see the model answer above" if part.spec.kind == "text" else part.spec.text(part.value)
            self.write(f"  {mark(verdict)} ({chr(ord('a') + index)}) {part.label}: {key}")
        self.asked += 1
        self.right += all_right
        self.streak = self.streak + 1 if all_right else 0
        self.progress.record(inst.template, all_right)
        self.progress.best_streak = max(self.progress.best_streak, self.streak)
        self.progress.save()
        self.write(f"Score {self.right}/{self.asked}, streak {self.streak}.")
