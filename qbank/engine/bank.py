r"""Static question banks: conceptual multiple-choice and short-answer items read from YAML.

One file per topic (banks/concepts/conv.yaml, ...); an instructor's own file
loads the same way with `load_bank_file(path)`:

    namespace: concepts      # optional: ids register as <namespace>/<id>
    topic: conv              # optional default for the items below
    points: 4                # optional default for the items below
    items:
      - id: skip-connections # lower case letters, digits, '-' or '_'
        title: Why residual blocks add their input  # shown by `qbank list` and in exports
        kind: choice         # choice | short; optional per item: topic, points, tags
        question: Why do residual blocks add their input to their output?
        options: [..., ...]  # LaTeX; exactly one is correct
        correct: 1           # 0-based index, or the correct option's exact text
        explanation: ...     # why the key is right and the tempting options are wrong
      - id: zero-init
        kind: short
        question: ...
        answer: ...          # a model answer, 1-3 sentences
        rubric: [..., ...]   # what a grader checks

Texts are LaTeX, used verbatim. Each version of a choice item shows its options
in an order drawn from the engine's rng (the `order` parameter can be pinned).
Every mistake is an InputError "file:line: reason".
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from qbank.engine import bank_yaml as nodes
from qbank.engine.bank_item import BankItem, register_all
from qbank.errors import InputError

_TOP = {"namespace", "topic", "points", "items"}
_COMMON = {"id", "kind", "topic", "points", "question", "title", "tags"}
_BY_KIND = {"choice": ("options", "correct", "explanation"), "short": ("answer", "rubric")}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def load_bank_dir(directory) -> list[str]:
    """Load every `*.yaml` bank file of `directory` (sorted by name); returns the ids registered."""
    return [tid for path in sorted(Path(directory).glob("*.yaml")) for tid in load_bank_file(path)]


def load_bank_file(path) -> list[str]:
    """Validate the whole bank file at `path`, then register each item as a Template; returns the ids in file order.

    Every bad item is reported, not only the first: the InputError holds one `file:line: reason`
    line per bad item. Nothing is registered when any item is bad, so a failed load leaves the
    registry as it was.
    """
    path = Path(path)
    where, root = nodes.shown(path), nodes.compose(path)
    if root is None:
        raise InputError(f"{where}:1: empty bank file; expected a mapping with 'items:'")
    top = nodes.fields(root, where, "bank file", _TOP)
    items = top.get("items", (None, root))[1]
    if "items" not in top or not isinstance(items, yaml.SequenceNode):
        nodes.fail(where, items, "expected 'items:' followed by a list of items")
    namespace = nodes.text(top["namespace"][1], where) if "namespace" in top else "concepts"
    if not _ID.match(namespace):
        nodes.fail(where, top["namespace"][1],
                   f"namespace {namespace!r} may only use lower case letters, digits, '-' and '_'")
    first_line, parsed, problems = {}, [], []
    for node in items.value:
        try:
            item = _parse_item(node, top, where)
            if item.id in first_line:
                nodes.fail(where, node, f"duplicate id {item.id!r} (first at line {first_line[item.id]})")
        except InputError as exc:
            problems.append(str(exc))
            continue
        first_line[item.id] = nodes.line(node)
        parsed.append(item)
    if problems:
        raise InputError("\n".join(problems))
    return register_all(parsed, namespace)


def _parse_item(node, top, where) -> BankItem:
    fields = nodes.fields(node, where, "item")
    for name in ("id", "kind", "question", "title"):
        if name not in fields:
            nodes.fail(where, node, f"item is missing the field {name!r}"
                       + (" (a short human title, shown by qbank list and in exports)" if name == "title" else ""))
    kind = nodes.text(fields["kind"][1], where)
    if kind not in _BY_KIND:
        nodes.fail(where, fields["kind"][1], f"unknown kind {kind!r} (expected choice or short)")
    for name, (key, _) in fields.items():
        if name not in _COMMON and name not in _BY_KIND[kind]:
            nodes.fail(where, key, f"unknown field {name!r} for a {kind} item")
    item_id = nodes.text(fields["id"][1], where)
    if not _ID.match(item_id):
        nodes.fail(where, fields["id"][1], f"id {item_id!r} may only use lower case letters, digits, '-' and '_'")
    for name in ("topic", "points", *_BY_KIND[kind]):
        if name not in fields and name not in top:
            nodes.fail(where, node, f"item {item_id!r} is missing the field {name!r}")
    get = {name: value for name, (_, value) in {**top, **fields}.items()}
    item = BankItem(item_id, kind, nodes.text(get["topic"], where), nodes.points(get["points"], where),
                    nodes.text(get["question"], where), f"{where}:{nodes.line(node)}",
                    title=nodes.text(get["title"], where),
                    tags=nodes.texts(get["tags"], where, "tags") if "tags" in get else ())
    if kind == "short":
        item.answer, item.rubric = nodes.text(get["answer"], where), nodes.texts(get["rubric"], where, "rubric")
        return item
    item.options, item.explanation = _options(get["options"], where), nodes.text(get["explanation"], where)
    item.correct = _correct(get["correct"], item.options, where)
    return item


def _options(node, where) -> tuple:
    """At least two options, no two equal up to white space."""
    options = nodes.texts(node, where, "options")
    if len(options) < 2:
        nodes.fail(where, node, "a choice item needs at least 2 options")
    first = {}
    for index, (option, option_node) in enumerate(zip(options, node.value)):
        same = first.setdefault(" ".join(option.split()), index)
        if same != index:
            nodes.fail(where, option_node, f"duplicate option {option!r} (same as option {same})")
    return options


def _correct(node, options, where) -> int:
    """The index of the correct option: `correct` is a 0-based index or the option's text."""
    index = nodes.integer(node)
    if index is not None:
        if not 0 <= index < len(options):
            nodes.fail(where, node, f"correct: {index} is out of range (options are numbered 0 to {len(options) - 1})")
        return index
    text = " ".join(nodes.text(node, where).split())
    matches = [i for i, option in enumerate(options) if " ".join(option.split()) == text]
    if not matches:
        nodes.fail(where, node, f"correct: {text!r} is neither an option index nor the text of an option")
    return matches[0]
