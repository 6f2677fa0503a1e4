"""Export an exam spec to an LMS format: the same draw as `qbank exam` (same seed, same variants).

Formats: moodle (Moodle XML), qti (IMS QTI 1.2 zip for Canvas), gift (Moodle GIFT).
The file is written to a temporary name beside its target and moved into place, so
a failed export leaves an earlier file intact.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qbank.errors import InputError
from qbank.export import FILES
from qbank.exam.assemble import assemble
from qbank.exam.spec import parse
from qbank.export.gift import gift
from qbank.export.items import lms_questions, slot_names
from qbank.export.moodle import moodle_xml
from qbank.export.qti_package import qti_zip



def render(spec, versions, fmt: str) -> bytes:
    """The exported file's bytes for drawn `versions` of `spec` (an ExamSpec)."""
    questions = lms_questions(spec, versions)
    if fmt == "moodle":
        return moodle_xml(spec.name, questions).encode("utf-8")
    if fmt == "gift":
        return gift(spec.name, questions).encode("utf-8")
    if fmt == "qti":
        picks = {name: slot.pick for _, _, slot, name in slot_names(spec)}
        return qti_zip(spec.name, spec.title, spec.points, questions, picks)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FILES)}")


def export(spec_path, fmt: str, out, versions=None, seed=None, template_dirs=()) -> Path:
    """Draw the versions of `spec_path` and write `<exam>.<format file>` into directory `out`; returns its path."""
    spec = parse(spec_path, versions, seed, template_dirs)
    data = render(spec, assemble(spec), fmt)
    out = Path(out)
    target = out / f"{spec.name}.{FILES[fmt]}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=out, prefix=f".{target.name}.")
    except OSError as exc:
        raise InputError(f"{out}: cannot write the export there ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; an export is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
