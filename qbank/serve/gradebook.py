"""The class's grades: each student's best graded submission per question, summed per assignment.

The CSV has one row per student: `id`, `name`, `email`, one column per
assignment (points) and `total`. Moodle imports it with Grades > Import > CSV
file, mapping `email` (or `id` to "ID number") to identify users and each
assignment column to its grade item; Canvas and other LMSs map columns the same way.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict

from sqlalchemy import func, select

from qbank.serve.records import reading
from qbank.serve.tables import attempts, people, submissions


def best_points(db, course_id: str) -> dict:
    """person id -> {(assignment, question): best points of a graded submission}."""
    with reading(db) as conn:
        rows = conn.execute(select(attempts.c.person_id, attempts.c.assignment, attempts.c.question,
                                   func.max(submissions.c.points))
                            .select_from(attempts.join(submissions, submissions.c.attempt_id == attempts.c.id)
                                         .join(people, people.c.id == attempts.c.person_id))
                            .where(people.c.course == course_id, submissions.c.verdict != "invalid")
                            .group_by(attempts.c.person_id, attempts.c.assignment, attempts.c.question))
        best = defaultdict(dict)
        for person_id, assignment, question, points in rows:
            best[person_id][(assignment, question)] = points
    return best


def students(db, course_id: str) -> list:
    """The course's students, by id."""
    with reading(db) as conn:
        return list(conn.execute(select(people).where(people.c.course == course_id, people.c.role == "student")
                                 .order_by(people.c.student_id)))


def gradebook(course, db) -> dict:
    """{"assignments": [{id, title, points}], "students": [{id, name, email, scores: {assignment: points}, total}]}."""
    best = best_points(db, course.id)
    rows = []
    for person in students(db, course.id):
        mine = best.get(person.id, {})
        scores = {a.id: sum(mine.get((a.id, q.name), 0.0) for q in a.questions) for a in course.assignments}
        rows.append({"id": person.student_id, "name": person.name, "email": person.email, "scores": scores,
                     "total": sum(scores.values())})
    return {"assignments": [{"id": a.id, "title": a.title, "points": a.points} for a in course.assignments],
            "students": rows}


def gradebook_csv(book: dict) -> str:
    """The gradebook as CSV text (header: id, name, email, assignment ids..., total)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    ids = [a["id"] for a in book["assignments"]]
    writer.writerow(["id", "name", "email", *ids, "total"])
    for row in book["students"]:
        writer.writerow([row["id"], row["name"], row["email"], *(f"{row['scores'][a]:g}" for a in ids),
                         f"{row['total']:g}"])
    return out.getvalue()
