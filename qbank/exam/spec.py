"""An exam spec (banks/*.yaml): what the exam contains, checked and resolved to templates.

    title: Deep Learning, Final Exam        # required; also course, date, duration
    instructions: [..., ...]               # a list of lines (or one paragraph)
    seed: 2024                             # the exam seed every question seed derives from
    versions: 3                            # default number of versions (A, B, C)
    templates: [my_templates]              # optional instructor template dirs, relative to this file
    points: 100                            # optional stated total, checked
    half_points: false                     # true: points and rescaled part points may be halves
    sheets: true                           # also answer sheets for qbank scan ({id_digits: 8} sets the id grid)
    parts:
      - title: Multiple choice
        points: 32                         # optional stated part total, checked
        instructions: Choose one option.
        shuffle: true                      # question order drawn per version
        space: 0in                         # answer space below each question (LaTeX length)
        questions:
          - concepts/softmax-shift         # a template id (its own points)
          - {id: conv/output-size, points: 6, params: {stride: 2}}   # points rescale its parts
          - {pool: [a, b, c, d], pick: 2, points: 4}                 # drawn per version
          - {id: rnn/param-count, newpage: true}                     # on a fresh page
          - {id: conv/layer-cost, as_choice: param_count}            # a numeric part asked as single choice

Every mistake is an InputError `file:line: reason`. exam.schema.json is the reference for the
file's shape (docs/exam-spec.md explains every key, `qbank schema exam` prints it for editors):
a spec that passes the checks here is also checked against it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qbank import yamlschema
from qbank.errors import InputError
from qbank.exam import spec_items
from qbank.exam.spec_values import check_keys, check_total, fail, flag, integer, length, text
from qbank.exam.yamlnodes import LineDict, LineList, load

SHEET_ID_DIGITS = 8  # student-id grid columns when the spec says `sheets: true`
MAX_ID_DIGITS = 12  # what fits beside the name line
_TOP = ("title", "course", "date", "duration", "instructions", "seed", "versions", "templates", "points",
        "half_points", "parts", "sheets")
SCHEMA_PATH = Path(__file__).resolve().parent / "exam.schema.json"
# Version labels run A..Z, AA..ZZ: 702 versions, more than one per student in any exam room. The bound
# also stops a typo (--versions 1000000) from drawing and compiling for hours while memory grows.
MAX_VERSIONS = 26 + 26 * 26
_PART = ("title", "points", "instructions", "shuffle", "space", "newpage", "questions")


@dataclass
class PartSpec:
    """One `parts:` entry, checked; points is the sum its slots give."""

    title: str
    points: float
    instructions: str
    shuffle: bool
    newpage: bool
    slots: list = field(default_factory=list)  # spec_items.Slot: a fixed question or a pool


@dataclass
class ExamSpec:
    """A whole spec, checked, with the command line's versions and seed applied."""

    path: Path
    title: str
    course: str
    date: str
    duration: str
    instructions: list
    seed: int
    versions: int
    parts: list
    point_step: float = 1.0  # 0.5 with `half_points: true`
    sheets: int = 0  # digits of the student-id grid on answer sheets; 0: no sheets

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def points(self) -> float:
        return sum(part.points for part in self.parts)


def parse(path, versions: int | None = None, seed: int | None = None, template_dirs=()) -> ExamSpec:
    """Read and check the spec at `path`; templates of `templates:` and `template_dirs` are loaded first."""
    path = Path(path)
    root = load(path)
    if not isinstance(root, LineDict):
        fail(path, getattr(root, "line", 1), "an exam spec is a mapping with 'title' and 'parts'")
    check_keys(root, _TOP, path, "exam")
    spec_items.load_template_dirs(root, path, template_dirs)
    parts_node = root.get("parts")
    if not isinstance(parts_node, LineList) or not parts_node:
        fail(path, root.lines.get("parts", root.line), "'parts' should be a non-empty list of parts")
    step = 0.5 if flag(root, "half_points", path, False) else 1.0
    parts = [_part(node, line, path, step) for node, line in zip(parts_node, parts_node.lines)]
    spec = ExamSpec(path, text(root, "title", path), text(root, "course", path, ""), text(root, "date", path, ""),
                    text(root, "duration", path, ""), _instructions(root, path),
                    seed if seed is not None else integer(root, "seed", path, 0, 0),
                    versions if versions is not None else integer(root, "versions", path, 1, 1), parts, step)
    spec.sheets = _sheets(root, path)
    if "points" in root:
        check_total(root["points"], spec.points, path, root.lines["points"], "the exam")
    if spec.versions < 1:
        raise InputError(f"{path}: --versions should be at least 1")
    if spec.versions > MAX_VERSIONS:
        where = "--versions" if versions is not None else f"{path}:{root.lines['versions']}: 'versions'"
        raise InputError(f"{where} should be at most {MAX_VERSIONS}, got {spec.versions}: version labels run "
                         f"A to ZZ, and each version is a printed exam (a class needs one per student at most)")
    yamlschema.validate(root, path, yamlschema.load_schema(SCHEMA_PATH),
                        one_of="a question is a template id, {id, points, params, ...} or {pool, pick, points, ...}")
    return spec


def _part(node, line, path, step) -> PartSpec:
    if not isinstance(node, LineDict):
        fail(path, line, "a part is a mapping with 'title' and 'questions'")
    check_keys(node, _PART, path, "part")
    title = text(node, "title", path)
    questions = node.get("questions")
    if not isinstance(questions, LineList) or not questions:
        fail(path, node.lines.get("questions", node.line), f"part {title!r}: 'questions' should be a non-empty list")
    space = length(node, "space", path)
    slots = [spec_items.slot(item, item_line, path, space, step) for item, item_line in zip(questions, questions.lines)]
    total = sum(slot.pick * slot.points for slot in slots)
    if "points" in node:
        check_total(node["points"], total, path, node.lines["points"], f"part {title!r}")
    return PartSpec(title, total, text(node, "instructions", path, ""), flag(node, "shuffle", path, False),
                    flag(node, "newpage", path, True), slots)


def _sheets(root, path) -> int:
    """The `sheets:` key as the student-id grid's digit count (0: no sheets)."""
    value = root.get("sheets", False)
    if isinstance(value, bool):
        return SHEET_ID_DIGITS if value else 0
    if not isinstance(value, LineDict) or set(value) - {"id_digits"}:
        fail(path, root.lines["sheets"], "'sheets' should be true, false or {id_digits: N}")
    digits = integer(value, "id_digits", path, SHEET_ID_DIGITS, 1)
    if digits > MAX_ID_DIGITS:
        fail(path, value.lines["id_digits"], f"'id_digits' should be at most {MAX_ID_DIGITS}, got {digits}")
    return digits


def _instructions(root, path) -> list:
    value = root.get("instructions", [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        fail(path, root.lines["instructions"], "'instructions' should be text or a list of lines")
    return [str(v) for v in value]
