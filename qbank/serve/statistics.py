"""How the class did per question: difficulty and discrimination, and which drawn values made it harder.

Item analysis is `qbank grade`'s (grade/analysis.py): each assignment is one
test, each question an item scored by the student's best graded submission;
students who never submitted a question are left out of that item. Per-parameter
statistics group every graded submission by the value its variant drew for each
scalar parameter (values with many levels in quartile bins) and give the mean
fraction of points per group, with Pearson's r between value and fraction.
"""
from __future__ import annotations

import json
from collections import defaultdict
from types import SimpleNamespace

import numpy as np
from sqlalchemy import select

from qbank.grade.analysis import item_analysis
from qbank.serve.gradebook import best_points, students
from qbank.serve.records import reading
from qbank.serve.tables import attempts, people, submissions

MAX_LEVELS = 6  # more distinct values than this are binned into quartiles


def items(course, db) -> list:
    """[{assignment, question, students, points, difficulty, discrimination}] per question of every assignment."""
    best = best_points(db, course.id)
    out = []
    for assignment in course.assignments:
        key = {"": [SimpleNamespace(column=q.name, question=q.name, points=q.points) for q in assignment.questions]}
        results = []
        for person in students(db, course.id):
            scores = {q.name: best.get(person.id, {}).get((assignment.id, q.name)) for q in assignment.questions}
            if any(v is not None for v in scores.values()):
                results.append(SimpleNamespace(version="", scores=scores,
                                               total=sum(v for v in scores.values() if v is not None)))
        out += [{"assignment": assignment.id, **row} for row in item_analysis(results, key)]
    return out


def parameters(course, db) -> list:
    """[{assignment, question, template, parameter, submissions, r, groups: [{value, submissions, mean}]}]."""
    with reading(db) as conn:
        rows = conn.execute(select(attempts.c.assignment, attempts.c.question, attempts.c.template, attempts.c.params,
                                   submissions.c.points, submissions.c.max_points)
                            .select_from(attempts.join(submissions, submissions.c.attempt_id == attempts.c.id)
                                         .join(people, people.c.id == attempts.c.person_id))
                            .where(people.c.course == course.id, submissions.c.verdict != "invalid"))
        drawn = defaultdict(list)  # (assignment, question, template, parameter) -> [(value, fraction)]
        for assignment, question, template, params, points, max_points in rows:
            fraction = points / max_points if max_points else 0.0
            for name, value in json.loads(params).items():
                drawn[(assignment, question, template, name)].append((value, fraction))
    return [_parameter(key, pairs) for key, pairs in sorted(drawn.items(), key=lambda item: tuple(map(str, item[0])))]


def _parameter(key, pairs) -> dict:
    assignment, question, template, name = key
    values = [v for v, _ in pairs]
    fractions = np.array([f for _, f in pairs])  # (submissions,)
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    r = None
    if numeric and len(pairs) >= 3:
        x = np.array(values, dtype=float)  # (submissions,)
        if np.std(x) > 0 and np.std(fractions) > 0:
            r = float(np.corrcoef(x, fractions)[0, 1])
    levels = sorted(set(values), key=str) if not numeric else sorted(set(values))
    if numeric and len(levels) > MAX_LEVELS:
        edges = np.quantile(np.array(values, dtype=float), [0, 0.25, 0.5, 0.75, 1])
        bins = np.clip(np.searchsorted(edges[1:-1], values, side="right"), 0, 3)
        groups = [{"value": f"{edges[b]:g} to {edges[b + 1]:g}", "submissions": int(np.sum(bins == b)),
                   "mean": float(np.mean(fractions[bins == b]))} for b in range(4) if np.any(bins == b)]
    else:
        groups = []
        for level in levels:
            mask = np.array([v == level for v in values])
            groups.append({"value": level, "submissions": int(mask.sum()), "mean": float(np.mean(fractions[mask]))})
    return {"assignment": assignment, "question": question, "template": template, "parameter": name,
            "submissions": len(pairs), "r": r, "groups": groups}
