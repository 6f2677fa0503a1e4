"""Score one typed answer to one part of a practice question: the engine's one policy, with the options shown.

Reading and scoring are the engine's (`reader.read`, `scoring.score`), so the drill
and the page give the verdicts `qbank grade` gives; this module adds what only an
instance knows: how many options a choice part shows (a letter past them cannot
be read). An unreadable or blank answer is asked again and reveals nothing; a
text part is pending, and the student compares with the model answer.
"""
from __future__ import annotations

from qbank.engine.reader import expected
from qbank.engine.scoring import Verdict, score


def check_part(instance, part, text: str) -> Verdict:
    """The verdict on `text` typed for `part` of `instance`."""
    return score(part.spec, text, part.value, part.points, options=option_count(instance, part) or None)


def option_count(instance, part) -> int:
    """How many options a choice part shows (0 for other parts)."""
    if part.spec.kind != "choice":
        return 0
    return len(instance.params.get("options", ()))


def hint(instance, part) -> str:
    """What form the answer takes, in words, without giving anything of the key away."""
    return expected(part.spec, option_count(instance, part) or None)
