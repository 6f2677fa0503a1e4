"""Load templates: the built-in modules under qbank/questions, and an instructor's own directory."""
from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
import traceback
from pathlib import Path

from qbank.errors import InputError

_loaded_dirs: dict[Path, list[str]] = {}  # directory -> the ids it registered
_builtins_loaded = False


def load_builtins() -> None:
    """Import every module of qbank.questions once; each registers its templates. Then load the shipped concept bank."""
    global _builtins_loaded
    if _builtins_loaded:
        return
    _builtins_loaded = True
    import qbank.questions as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{package.__name__}.{info.name}")
    from qbank.engine.bank import load_bank_dir
    from qbank.paths import data_dir

    load_bank_dir(data_dir("banks") / "concepts")


def load_directory(directory) -> list[str]:
    """Import every `*.py` template file and load every `*.bank.yaml` bank file of `directory`
    (sorted, not recursive), once; returns the ids that directory registered (on every call).

    The `.bank.yaml` suffix keeps exam specs that live in the same folder from being read as
    banks. A file that fails to load is reported as `file:line: error` (InputError).
    """
    from qbank.engine.bank import load_bank_file
    from qbank.engine.template import REGISTRY

    load_builtins()
    directory = Path(directory).resolve()
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of templates")
    if directory not in _loaded_dirs:
        before = set(REGISTRY)
        for path in sorted(directory.glob("*.py")):
            _import_file(path)
        for path in sorted(directory.glob("*.bank.yaml")):
            load_bank_file(path)
        _loaded_dirs[directory] = sorted(set(REGISTRY) - before)
    return list(_loaded_dirs[directory])


def _import_file(path: Path) -> None:
    name = f"qbank_user_templates.{path.parent.name}.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except InputError:
        raise
    except SyntaxError as exc:
        raise InputError(f"{path}:{exc.lineno}: {exc.msg}") from exc
    except Exception as exc:  # an instructor's file: any error is bad input, reported by line
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
        line = frames[-1].lineno if frames else 1
        raise InputError(f"{path}:{line}: {type(exc).__name__}: {exc}") from exc
