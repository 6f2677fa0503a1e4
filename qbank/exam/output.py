"""Publish a build atomically: files are staged in a hidden folder under the output directory and
moved into place only when everything succeeded, so a failed build leaves earlier output intact.

manifest.json lists what a build wrote (with sha256), which is also how the next build knows
which of its own older files to remove; files qbank did not write are never touched. It also
records what was built (spec, spec hash, seed, versions): a build into a folder holding a
different build is refused unless forced, since an exam printed from the old files would be
graded with the new key.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from qbank.errors import InputError

MANIFEST = "manifest.json"
IDENTITY = ("spec", "spec_sha256", "exam_seed", "versions")  # what makes two builds the same exam


def check_replaceable(out: Path, info: dict, force: bool) -> None:
    """InputError when `out` holds a build whose spec, seed or versions differ from `info`'s (unless `force`)."""
    old = _previous_manifest(out)
    if force or not old:
        return
    differ = [key for key in IDENTITY if key in old and old[key] != info[key]]
    if not differ:
        return
    what = (f"a build of an earlier text of {info['spec']} ({_describe(old)})" if differ == ["spec_sha256"]
            else f"another build ({_describe(old)}; this one: {_describe(info)})")
    raise InputError(f"{out} holds {what}: exams printed from it would be graded with the new key; "
                     "use another --out, or --force to replace it")


def _describe(info: dict) -> str:
    letters = info.get("versions") or ["?"]
    span = letters[0] if len(letters) == 1 else f"{letters[0]}-{letters[-1]}"
    return f"spec {info.get('spec')}, seed {info.get('exam_seed')}, versions {span}"


@contextmanager
def staging(out: Path):
    """Yield an empty staging folder inside `out`; on an exception remove it (and `out` if we made it)."""
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".qbank-build-", dir=out))
    except OSError as exc:
        raise InputError(f"{out}: cannot write the output there ({exc.strerror or exc})") from exc
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)


def manifest(stage: Path, names: list, info: dict) -> dict:
    """{**info, "files": {name: sha256}} for the staged files `names`."""
    files = {name: hashlib.sha256((stage / name).read_bytes()).hexdigest() for name in sorted(names)}
    return {**info, "files": files}


def publish(stage: Path, out: Path, names: list, info: dict) -> dict:
    """Write manifest.json, move the staged `names` into `out`, and drop files the last build wrote but this one did not."""
    data = manifest(stage, names, info)
    (stage / MANIFEST).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    old = _previous_files(out)
    for name in [*names, MANIFEST]:
        os.replace(stage / name, out / name)
    for stale in sorted(old - set(names)):
        if Path(stale).name == stale and not stale.startswith("."):  # only plain names in out/
            (out / stale).unlink(missing_ok=True)
    return data


def _previous_files(out: Path) -> set:
    return set(_previous_manifest(out).get("files", {}))


def _previous_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
