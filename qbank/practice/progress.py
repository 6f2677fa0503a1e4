"""A student's practice record: attempts and mistakes per template, score and best streak, in a local JSON file.

Default location: `$XDG_DATA_HOME/qbank/progress.json`, else
`~/.local/share/qbank/progress.json` (the XDG Base Directory specification).
Writes are atomic (a temporary file in the same directory, then `os.replace`),
so an interrupted session never leaves half a file. A file that is not ours is
refused with an InputError rather than overwritten.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import InputError

VERSION = 1


def default_path() -> Path:
    """$XDG_DATA_HOME/qbank/progress.json, or ~/.local/share/qbank/progress.json when it is unset."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qbank" / "progress.json"


@dataclass
class Progress:
    """The record in memory; `save` writes it back to `path`."""

    path: Path | None  # None: kept in memory, never saved (the page without a progress file, in tests)
    templates: dict = field(default_factory=dict)  # id -> {"topic", "attempts", "wrong"}
    answered: int = 0
    correct: int = 0
    best_streak: int = 0

    def record(self, template, all_right: bool) -> None:
        """One finished question of `template`: right only when every part was right."""
        entry = self.templates.setdefault(template.id, {"topic": template.topic, "attempts": 0, "wrong": 0})
        entry["topic"] = template.topic
        entry["attempts"] += 1
        entry["wrong"] += 0 if all_right else 1
        self.answered += 1
        self.correct += 1 if all_right else 0

    def topic_counts(self) -> dict:
        """topic -> (attempts, wrong), summed over the templates of that topic."""
        counts: dict = {}
        for entry in self.templates.values():
            attempts, wrong = counts.get(entry["topic"], (0, 0))
            counts[entry["topic"]] = (attempts + entry["attempts"], wrong + entry["wrong"])
        return counts

    def snapshot(self) -> dict:
        """The record as the file holds it, copied: it may be written while the record changes."""
        return {"version": VERSION, "answered": self.answered, "correct": self.correct,
                "best_streak": self.best_streak, "templates": {k: dict(v) for k, v in self.templates.items()}}

    def save(self) -> None:
        """Write the record atomically, creating the directory when needed; InputError when it cannot."""
        write(self.path, self.snapshot())


def write(path: Path, data: dict) -> None:
    """Write a snapshot atomically; InputError when it cannot be written."""
    try:
        _write_atomically(path, data)
    except OSError as exc:
        raise InputError(f"{path}: cannot save the progress ({exc.strerror or exc}); pass --progress FILE") from exc


def _write_atomically(path: Path, data: dict) -> None:
    """A temporary file beside `path`, synced, then renamed over it: readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".progress-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path) -> Progress:
    """The record at `path`, or an empty one when the file does not exist yet."""
    path = Path(path).expanduser()
    if not path.exists():
        return Progress(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable progress file ({exc}); move it away or pass --progress") from exc
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("templates"), dict):
        raise InputError(f"{path}: not a qbank progress file (version {VERSION}); move it away or pass --progress")
    templates = {}
    for template_id, entry in data["templates"].items():
        try:
            templates[str(template_id)] = {"topic": str(entry["topic"]), "attempts": int(entry["attempts"]),
                                           "wrong": int(entry["wrong"])}
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{path}: template {template_id!r}: bad entry {entry!r}") from exc
    counts = {}
    for name in ("answered", "correct", "best_streak"):
        try:
            counts[name] = int(data.get(name, 0))
        except (TypeError, ValueError) as exc:
            raise InputError(f"{path}: {name} must be a whole number, got {data[name]!r}") from exc
    return Progress(path, templates, **counts)
