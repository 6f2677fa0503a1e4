"""What assembly produces: versions made of sections (the spec's parts) made of drawn questions."""
from __future__ import annotations

from dataclasses import dataclass

from qbank.engine.generate import Instance


@dataclass
class Question:
    """One drawn question as a version prints it."""

    number: int  # 1, 2, ... through the whole version
    instance: Instance
    points: float
    part_points: list  # the instance's parts, rescaled to `points`
    space: str | None  # answer space from the spec (None: the layout's default)
    newpage: bool = False  # the spec asks for a fresh page before it


@dataclass
class Section:
    """One spec part in one version: its questions in this version's order."""

    title: str
    instructions: str
    points: float
    newpage: bool
    questions: list


@dataclass
class Version:
    """One version (A, B, ...) of the exam."""

    letter: str
    sections: list

    @property
    def questions(self) -> list:
        return [q for section in self.sections for q in section.questions]


def version_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as spreadsheet columns count."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
