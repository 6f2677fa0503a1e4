"""What a signed-in student can do, independent of HTTP: list assignments, see a question, submit, try again.

Every method takes the person from the session, never from the request, so a
student can only ever reach their own attempts. The key and the worked solution
are added to a question's state only when the assignment's rule allows it
(`solutions_visible`), and never while the attempt shown can still be submitted.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from types import SimpleNamespace

from qbank.serve import records
from qbank.serve.grading import INVALID, grade
from qbank.serve.variants import prepared, scalar_params, variant_seed
from qbank.engine.safe_input import MAX_CHARS


class Refused(Exception):
    """A request the rules refuse: an HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def solutions_visible(assignment, now: datetime, attempts_finished: int, all_right: bool) -> bool:
    """The assignment's rule: after the due date; or (after_last_attempt) once no attempt is left or all was right."""
    if assignment.solutions == "never":
        return False
    if now > assignment.due:
        return True
    return assignment.solutions == "after_last_attempt" and (attempts_finished >= assignment.attempts or all_right)


class Classroom:
    """The course and its database, seen by one student at a time.

    Each method takes `db`, the request's Connection (one connection serves a whole request), or uses the Engine.
    """

    def __init__(self, course, engine):
        self.course, self.engine = course, engine

    def assignments(self, person, now: datetime, db=None) -> list:
        """Every open assignment with the student's best points per question."""
        best = records.best_scores(db or self.engine, person.id)
        out = []
        for assignment in self.course.assignments:
            if not assignment.is_open(now):
                continue
            questions = []
            for index, question in enumerate(assignment.questions):
                points, used = best.get((assignment.id, question.name), (None, 0))
                questions.append({"index": index, "name": question.name, "points": question.points,
                                  "best": points, "attempts_used": used})
            out.append({"id": assignment.id, "title": assignment.title, "due": assignment.due.isoformat(),
                        "open_for_submissions": now <= assignment.due, "attempts": assignment.attempts,
                        "solutions": assignment.solutions, "points": assignment.points,
                        "score": sum(q["best"] or 0 for q in questions), "questions": questions})
        return out

    def question(self, person, assignment_id: str, index: int, now: datetime, db=None) -> dict:
        """The state of one question for the student: the current variant, its submissions, and what may be shown."""
        assignment, question = self._find(assignment_id, index, now)
        with records.reading(db or self.engine) as db:
            tries = records.attempts_of(db, person.id, assignment.id, question.name)
            if not tries:
                tries = [self._start(db, person, assignment, question, 1, now)]
            return self._state(db, person, assignment, index, question, tries, now)

    def submit(self, person, assignment_id: str, index: int, answers, now: datetime, db=None) -> dict:
        """Grade and store a submission for the current attempt; the submission's result and the new state."""
        assignment, question = self._find(assignment_id, index, now)
        _check_answers(answers)
        if now > assignment.due:
            raise Refused(403, f"the due date of {assignment.id} has passed ({assignment.due.isoformat()})")
        with records.reading(db or self.engine) as db:
            tries = records.attempts_of(db, person.id, assignment.id, question.name)
            if not tries or tries[-1].finished_at is not None:
                raise Refused(409, "this attempt is already graded; start a new attempt first")
            attempt = tries[-1]
            variant = prepared(attempt.template, attempt.seed, question.params)
            names = {p.name for p in variant.instance.parts}
            extra = sorted(set(answers) - names)
            if extra:
                raise Refused(400, f"this question has no part {extra[0][:40]!r}")
            graded = grade(variant.instance, answers, question.points)
            try:
                submission_id = records.store_submission(db, attempt, person.id, answers, graded, now,
                                                         finishes=graded.verdict != INVALID)
            except records.AttemptClosed as exc:
                raise Refused(409, f"{exc}; start a new attempt") from None
            if graded.verdict != INVALID:  # this request ended the attempt: no need to read it back
                tries[-1] = SimpleNamespace(**{**attempt._asdict(), "finished_at": now})
            return {"submission": submission_id, "verdict": graded.verdict, "points": graded.points,
                    "max_points": graded.max_points, "parts": graded.parts,
                    "state": self._state(db, person, assignment, index, question, tries, now)}

    def retry(self, person, assignment_id: str, index: int, now: datetime, db=None) -> dict:
        """Start the next attempt (a new variant when the assignment draws one), if one is left and it is not late."""
        assignment, question = self._find(assignment_id, index, now)
        with records.reading(db or self.engine) as db:
            tries = records.attempts_of(db, person.id, assignment.id, question.name)
            if now > assignment.due:
                raise Refused(403, f"the due date of {assignment.id} has passed")
            if tries and tries[-1].finished_at is None:
                raise Refused(409, "the current attempt is not graded yet")
            if len(tries) >= assignment.attempts:
                raise Refused(409, f"all {assignment.attempts} attempts are used")
            tries.append(self._start(db, person, assignment, question, len(tries) + 1, now))
            return self._state(db, person, assignment, index, question, tries, now)

    def submission(self, person, submission_id: int, db=None) -> dict:
        """One of the student's own submissions (another's is 'not found', whether it exists or not)."""
        row = records.submission_of_person(db or self.engine, submission_id, person.id)
        if row is None:
            raise Refused(404, "no such submission")
        return {"id": row.id, "assignment": row.assignment, "question": row.question, "attempt": row.number,
                "answers": json.loads(row.answers), "verdict": row.verdict, "points": row.points,
                "max_points": row.max_points, "parts": json.loads(row.parts),
                "submitted_at": row.submitted_at.isoformat()}

    def _find(self, assignment_id: str, index: int, now: datetime):
        assignment = self.course.assignment(assignment_id)
        if assignment is None or not assignment.is_open(now):
            raise Refused(404, f"no assignment {assignment_id[:64]!r}")
        if not 0 <= index < len(assignment.questions):
            raise Refused(404, f"assignment {assignment.id} has no question {index}")
        return assignment, assignment.questions[index]

    def _start(self, db, person, assignment, question, number: int, now: datetime):
        template = question.template_for(self.course.id, assignment.id, person.student_id)
        seed = variant_seed(self.course.id, assignment, question, person.student_id, number)
        variant = prepared(template.id, seed, question.params)
        return records.start_attempt(db, person.id, assignment.id, question.name, number, template.id, seed,
                                     scalar_params(variant.instance), now)

    def _state(self, db, person, assignment, index, question, tries, now) -> dict:
        attempt = tries[-1]
        variant = prepared(attempt.template, attempt.seed, question.params)
        history = records.submissions_of(db, [attempt.id])
        finished = sum(a.finished_at is not None for a in tries)
        last = history[-1] if history else None
        all_right = last is not None and last.verdict == "correct"
        late = now > assignment.due
        can_submit = attempt.finished_at is None and not late
        scale = question.points / variant.instance.points if variant.instance.points else 0.0
        view = {**variant.public, "points": question.points,
                "parts": [{**p, "points": p["points"] * scale} for p in variant.public["parts"]]}
        state = {"assignment": assignment.id, "index": index, "name": question.name, "question": view,
                 "attempt": attempt.number, "attempts_allowed": assignment.attempts, "attempts_finished": finished,
                 "can_submit": can_submit,
                 "can_retry": not late and attempt.finished_at is not None and len(tries) < assignment.attempts,
                 "due": assignment.due.isoformat(),
                 "submissions": [_result(s) for s in history], "revealed": False}
        if not can_submit and solutions_visible(assignment, now, finished, all_right):
            state.update(revealed=True, key=variant.keys, solution=variant.solution_html)
        return state


def _result(row) -> dict:
    """A stored submission as the student sees it: their text, verdicts and points, never the key."""
    return {"id": row.id, "answers": json.loads(row.answers), "verdict": row.verdict, "points": row.points,
            "max_points": row.max_points, "parts": json.loads(row.parts), "submitted_at": row.submitted_at.isoformat()}


def _check_answers(answers) -> None:
    if not isinstance(answers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in answers.items()):
        raise Refused(400, "answers must map part names to text")
    if any(len(v) > MAX_CHARS for v in answers.values()):
        raise Refused(400, f"an answer is longer than {MAX_CHARS} characters")
