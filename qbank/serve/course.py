"""A course file (COURSE.yaml): its assignments and questions, checked against the schema and the bank.

    course: dl-2026                     # stable id: every variant's seed derives from it
    title: Deep Learning, winter 2026
    templates: [my_templates]           # optional instructor template dirs, relative to this file
    assignments:
      - id: hw1
        title: Attention
        opens: 2026-11-01T00:00:00Z     # optional; hidden before
        due: 2026-12-10T23:59:00+01:00
        attempts: 3                     # graded submissions per question; the best counts
        new_variant: true               # each attempt draws new numbers
        solutions: after_due            # after_due | after_last_attempt | never
        questions:
          - attention/self-attention                   # a template with its own points
          - {id: conv/layer-cost, points: 6, params: {stride: 2}}
          - {name: norm, pool: [norm/means, norm/variances], points: 6}   # one per student

The shape is checked by course.schema.json; template ids, dates, and unique
names here. Every mistake is an InputError `file:line: reason`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from qbank.engine.seeds import derive_seed
from qbank.engine.template import get
from qbank.errors import InputError
from qbank.exam.spec_items import load_template_dirs
from qbank.exam.yamlnodes import load
from qbank.serve.course_schema import validate

SOLUTION_RULES = ("after_due", "after_last_attempt", "never")


@dataclass(frozen=True)
class Question:
    """One question slot: a fixed template (pool of one) or a pool drawn per student."""

    name: str  # stable: the template id, or the pool's name
    pool: tuple  # template ids
    points: float
    params: dict  # pinned for every student (fixed questions only)

    def template_for(self, course: str, assignment: str, student: str):
        """The template this student gets: fixed, or drawn from the pool by a seed of who asks."""
        index = derive_seed(course, assignment, self.name, student, "pool") % len(self.pool)
        return get(self.pool[index])


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    opens: datetime | None
    due: datetime
    attempts: int
    new_variant: bool
    solutions: str
    questions: tuple

    @property
    def points(self) -> float:
        return sum(q.points for q in self.questions)

    def is_open(self, now: datetime) -> bool:
        """Visible to students: opened (or no opening date)."""
        return self.opens is None or now >= self.opens


@dataclass(frozen=True)
class Course:
    path: Path
    id: str
    title: str
    assignments: tuple

    def assignment(self, assignment_id: str) -> Assignment | None:
        return next((a for a in self.assignments if a.id == assignment_id), None)


def parse(path) -> Course:
    """Read and check the course file at `path`; instructor templates it names are loaded first."""
    path = Path(path)
    root = load(path)
    _dates_as_text(root)
    validate(root, path)
    load_template_dirs(root, path, ())
    seen = {}
    assignments = []
    for node, line in zip(root["assignments"], root["assignments"].lines):
        if node["id"] in seen:
            raise InputError(f"{path}:{line}: assignment id {node['id']!r} is used twice (first on line {seen[node['id']]})")
        seen[node["id"]] = line
        assignments.append(_assignment(node, path))
    return Course(path, root["course"], root["title"], tuple(assignments))


def _assignment(node, path) -> Assignment:
    opens = _date(node, "opens", path) if "opens" in node else None
    due = _date(node, "due", path)
    if opens is not None and opens >= due:
        raise InputError(f"{path}:{node.lines['opens']}: 'opens' should be before 'due'")
    questions, names = [], {}
    for item, line in zip(node["questions"], node["questions"].lines):
        question = _question(item, line, path)
        if question.name in names:
            raise InputError(f"{path}:{line}: question {question.name!r} appears twice in assignment {node['id']!r} "
                             f"(first on line {names[question.name]}); give a pool a different name")
        names[question.name] = line
        questions.append(question)
    return Assignment(node["id"], node["title"], opens, due, node.get("attempts", 1), node.get("new_variant", True),
                      node.get("solutions", "after_due"), tuple(questions))


def _question(item, line, path) -> Question:
    if isinstance(item, str):
        return Question(item, (item,), float(_template(item, line, path).points), {})
    if "id" in item:
        template = _template(item["id"], item.lines["id"], path)
        return Question(item["id"], (item["id"],), float(item.get("points", template.points)), dict(item.get("params", {})))
    own = {float(_template(tid, tline, path).points) for tid, tline in zip(item["pool"], item["pool"].lines)}
    if "points" not in item and len(own) > 1:
        raise InputError(f"{path}:{line}: the pool's templates have different points "
                         f"({', '.join(f'{p:g}' for p in sorted(own))}); give 'points:'")
    return Question(item["name"], tuple(item["pool"]), float(item.get("points", own.pop())), {})


def _dates_as_text(node) -> None:
    """YAML reads an unquoted 2026-12-10T23:59:00Z as a datetime; the schema (and JSON) know dates as text."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, (date, datetime)):
            node[key] = value.isoformat()
        else:
            _dates_as_text(value)


def _template(template_id, line, path):
    try:
        return get(template_id)
    except InputError as exc:
        raise InputError(f"{path}:{line}: {exc}") from None


def _date(node, key, path) -> datetime:
    """An ISO 8601 date-time with a time zone."""
    value = node[key]
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{path}:{node.lines[key]}: {key!r} should be a date-time such as 2026-12-10T23:59:00+01:00, "
                         f"got {value!r}") from None
    if when.tzinfo is None:
        raise InputError(f"{path}:{node.lines[key]}: {key!r} needs a time zone (Z or +01:00): {value!r}")
    return when
