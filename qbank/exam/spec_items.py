"""The entries of a part's `questions:` list: a fixed question or a pool, resolved to templates."""
from __future__ import annotations

from dataclasses import dataclass

from qbank.engine.template import get
from qbank.errors import InputError
from qbank.exam.spec_values import check_keys, fail, flag, length, number
from qbank.exam.yamlnodes import LineDict, LineList

_QUESTION = ("id", "points", "params", "space", "newpage", "as_choice")
_POOL = ("pool", "pick", "points", "space", "newpage")


@dataclass(frozen=True)
class Ref:
    """One template as the spec names it, with the parameters it pins."""

    id: str
    params: dict
    line: int
    as_choice: bool | str = False  # ask a numeric template as single choice (True, or the part's name)
    where: str = ""  # "spec:line" of its `params:` (of its id when it pins nothing), for pin errors


@dataclass
class Slot:
    """`pick` questions drawn per version from `refs` (a fixed question: one ref, pick 1)."""

    refs: list
    pick: int
    points: float  # each picked question's points
    space: str | None  # answer space (LaTeX length); None: the layout's default for its kind
    line: int
    is_pool: bool
    newpage: bool = False  # start each of its questions on a fresh page


def slot(item, line, path, part_space, step: float = 1.0) -> Slot:
    """Parse one `questions:` entry: `ID`, `{id, points, params, space, newpage, as_choice}`
    or `{pool, pick, points, space, newpage}`."""
    if isinstance(item, str):
        ref = _ref(item, {}, line, path)
        return Slot([ref], 1, float(get(ref.id).points), part_space, line, False)
    if not isinstance(item, LineDict):
        fail(path, line, "a question is a template id, {id: ...} or {pool: [...], pick: N}")
    is_pool = "pool" in item
    check_keys(item, _POOL if is_pool else _QUESTION, path, "pool" if is_pool else "question")
    space = length(item, "space", path) or part_space
    newpage = flag(item, "newpage", path, False)
    if not is_pool:
        if "id" not in item:
            fail(path, line, "a question needs 'id' (or 'pool' for a pool)")
        ref = _ref(item["id"], item.get("params", {}), item.lines["id"], path, item.lines.get("params"))
        choice = item.get("as_choice", False)
        if not isinstance(choice, (bool, str)):
            fail(path, item.lines["as_choice"], f"'as_choice' should be true, false or a part name, got {choice!r}")
        ref = Ref(ref.id, ref.params, ref.line, choice, ref.where)
        return Slot([ref], 1, _points(item, path, [ref], step), space, line, False, newpage)
    pool = item["pool"]
    if not isinstance(pool, LineList) or not pool:
        fail(path, item.lines["pool"], "'pool' should be a non-empty list of template ids")
    refs = [_pool_ref(entry, entry_line, path) for entry, entry_line in zip(pool, pool.lines)]
    pick = item.get("pick", 1)
    if isinstance(pick, bool) or not isinstance(pick, int) or pick < 1:
        fail(path, item.lines.get("pick", line), f"'pick' should be a positive integer, got {pick!r}")
    if pick > len(refs):
        fail(path, item.lines.get("pick", line), f"the pool asks for {pick} questions but has only {len(refs)}")
    return Slot(refs, pick, _points(item, path, refs, step), space, line, True, newpage)


def _pool_ref(entry, line, path) -> Ref:
    if isinstance(entry, LineDict):
        if set(entry) - {"id", "params"} or "id" not in entry:
            fail(path, line, "a pool entry is a template id or {id: ..., params: {...}}")
        return _ref(entry["id"], entry.get("params", {}), line, path, entry.lines.get("params"))
    return _ref(entry, {}, line, path)


def _ref(template_id, params, line, path, params_line=None) -> Ref:
    if not isinstance(template_id, str):
        fail(path, line, f"a template id should be text, got {template_id!r}")
    if not isinstance(params, dict):
        fail(path, params_line or line, "'params' should be a mapping of parameter names to values")
    try:
        get(template_id)
    except InputError as exc:
        raise InputError(f"{path}:{line}: {exc}") from None
    return Ref(template_id, dict(params), line, where=f"{path}:{params_line or line}")


def _points(item, path, refs, step) -> float:
    """The spec's points (multiples of `step`), or the templates' own (which must agree within a pool)."""
    if "points" in item:
        return number(item["points"], path, item.lines["points"], "'points'", step)
    own = sorted({float(get(ref.id).points) for ref in refs})
    if len(own) > 1:
        fail(path, item.line, f"the pool's templates have different points ({', '.join(f'{p:g}' for p in own)}); "
                              "give 'points:'")
    return own[0]


def load_template_dirs(root: LineDict, path, extra_dirs) -> None:
    """Load the instructor templates named by `templates:` (relative to the spec) and by --templates."""
    from qbank.engine.loader import load_directory

    named = root.get("templates", [])
    named = [named] if isinstance(named, str) else named
    if not isinstance(named, list) or not all(isinstance(d, str) for d in named):
        fail(path, root.lines.get("templates", 1), "'templates' should be a directory or a list of directories")
    for directory in named:
        resolved = (path.parent / directory).resolve()
        if not resolved.is_dir():
            fail(path, root.lines["templates"], f"templates directory {directory!r} not found (looked in {resolved})")
        load_directory(resolved)
    for directory in extra_dirs:
        load_directory(directory)

