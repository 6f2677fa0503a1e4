"""Item analysis per question (template id): difficulty and discrimination over the graded students.

difficulty: the mean score as a fraction of the question's points (classical item
"p-value"; higher is easier). discrimination: the corrected item-total
correlation, Pearson's r between the item score and the total *without* that item
(Crocker & Algina, Introduction to Classical and Modern Test Theory, 1986, §14.4;
for a right/wrong item it is the point-biserial correlation with the rest score).
It is left empty when fewer than 3 students took the item or either score is constant.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np


def item_analysis(results, key: dict) -> list:
    """[{question, students, points, difficulty, discrimination}] for every question id in `key`, sorted by id."""
    columns = {(version, part.column): part for version, parts in key.items() for part in parts}
    items = defaultdict(list)  # question id -> [(item score, item points, total)]
    for result in results:
        total = result.total
        if total is None:  # ungraded or unparsable rows; free text a person has not scored yet is left out
            continue
        per_question = defaultdict(lambda: [0.0, 0.0])
        for column, score in result.scores.items():
            if score is None:
                continue
            part = columns[(result.version, column)]
            per_question[part.question][0] += score
            per_question[part.question][1] += part.points
        for question, (score, points) in per_question.items():
            items[question].append((score, points, total))
    return [_row(question, items[question]) for question in sorted(items)]


def _row(question, taken) -> dict:
    scores = np.array([score for score, _, _ in taken])  # (students,)
    points = np.array([points for _, points, _ in taken])
    rest = np.array([total for _, _, total in taken]) - scores  # total without this item
    difficulty = float(np.mean(scores / np.where(points > 0, points, 1)))
    discrimination = None
    if len(taken) >= 3 and np.std(scores) > 0 and np.std(rest) > 0:
        discrimination = float(np.corrcoef(scores, rest)[0, 1])
    return {"question": question, "students": len(taken), "points": float(np.max(points)),
            "difficulty": difficulty, "discrimination": discrimination}
