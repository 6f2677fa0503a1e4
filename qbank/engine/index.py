"""The index of built-in templates: which module or bank file defines each id, and what `qbank list` shows.

Importing every template module and parsing every bank file takes most of a second (sympy,
YAML); `qbank list` needs only ids, topics and titles, and `show`/`solve` need one module. The
index (`qbank/questions/index.json`) is generated from the real modules by
`python -m qbank.engine.index` and a test checks that it still says what they say.
"""
from __future__ import annotations

import functools
import importlib
import json
import pkgutil
from pathlib import Path

INDEX_PATH = Path(__file__).resolve().parent.parent / "questions" / "index.json"
LISTED = ("topic", "points", "kind", "title")  # the fields `qbank list` prints


@functools.cache
def read() -> dict[str, dict]:
    """id -> {"source": "module:qbank.questions.x" | "bank:concepts/x.yaml", topic, points, kind, title}."""
    return json.loads(INDEX_PATH.read_text(encoding="utf-8"))


def load_source(template_id: str) -> bool:
    """Import the module (or load the bank file) that defines built-in `template_id`; False if none does."""
    entry = read().get(template_id)
    if entry is None:
        return False
    kind, name = entry["source"].split(":", 1)
    if kind == "module":
        importlib.import_module(name)
    else:
        from qbank.engine.bank import load_bank_file
        from qbank.paths import data_dir

        load_bank_file(data_dir("banks") / name)
    return True


def build() -> dict[str, dict]:
    """The index as the real modules and bank files say it (registers every built-in template)."""
    import qbank.questions as package
    from qbank.engine.bank import load_bank_file
    from qbank.engine.template import REGISTRY
    from qbank.paths import data_dir

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")
    # by the defining function's module (a template module may import another one); true also when the
    # registry already held them, or holds an instructor's templates besides
    sources = {tid: f"module:{tpl.fn.__module__}" for tid, tpl in REGISTRY.items()
               if tpl.fn.__module__.startswith(f"{package.__name__}.")}
    banks = data_dir("banks")
    for path in sorted((banks / "concepts").glob("*.yaml")):
        sources.update((tid, f"bank:{path.relative_to(banks).as_posix()}") for tid in load_bank_file(path))
    return {tid: {"source": sources[tid], **{f: getattr(REGISTRY[tid], f) for f in LISTED}}
            for tid in sorted(sources)}


if __name__ == "__main__":
    INDEX_PATH.write_text(json.dumps(build(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {INDEX_PATH} ({len(read())} templates)")
