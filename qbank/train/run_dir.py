"""A run's output directory: config.json (with a code hash), log.jsonl, log.txt, checkpoint, curves.

Layout of `--out DIR` (one directory per run):
    config.json     hyperparameters, seed, device, data source, torch version, code_sha256
    log.jsonl       one JSON record per epoch
    log.txt         the same, human-readable, plus notes
    checkpoint.pt   the model's state_dict (torch.save)
    curves.png      loss and accuracy per epoch
"""
from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

from qbank.errors import InputError

_TRAIN_SOURCES = Path(__file__).resolve().parent


def code_hash() -> str:
    """sha256 over every qbank/train source file: relative path and bytes, in sorted path order."""
    digest = hashlib.sha256()
    for path in sorted(_TRAIN_SOURCES.rglob("*.py")):
        digest.update(path.relative_to(_TRAIN_SOURCES).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def default_out_dir(kind: str, seed: int) -> Path:
    """runs/<kind>-<YYYYmmdd-HHMMSS>-seed<N> under the current directory."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("runs") / f"{kind}-{stamp}-seed{seed}"


def make_out_dir(out_dir) -> Path:
    """Create the run's output directory (and its parents); InputError naming it when that fails."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output directory ({exc.strerror or exc})") from exc
    return out


class RunRecorder:
    """Writes the artifacts of one run; `echo` receives every human-readable line."""

    def __init__(self, out_dir, config: dict, echo=print):
        self.out = make_out_dir(out_dir)
        self.echo = echo
        self.records: list[dict] = []
        full = dict(config, code_sha256=code_hash())
        (self.out / "config.json").write_text(json.dumps(full, indent=2, sort_keys=True) + "\n")
        (self.out / "log.jsonl").write_text("")
        (self.out / "log.txt").write_text("")

    def note(self, line: str) -> None:
        """A free-text line for log.txt and the terminal."""
        with open(self.out / "log.txt", "a", encoding="utf-8") as log:
            log.write(line + "\n")
        self.echo(line)

    def epoch(self, record: dict) -> None:
        """Append one epoch's record: a JSON line and a human-readable line."""
        self.records.append(record)
        with open(self.out / "log.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps(record, sort_keys=True) + "\n")
        self.note("  ".join(_human(key, value) for key, value in record.items()))

    def save_checkpoint(self, state_dict) -> Path:
        """torch.save the state_dict as checkpoint.pt."""
        import torch

        path = self.out / "checkpoint.pt"
        torch.save(state_dict, path)
        return path

    def save_curves(self, title: str, loss_keys: list[str], accuracy_keys: list[str]) -> Path:
        """curves.png of the recorded losses and accuracies per epoch."""
        from qbank.train.plot import plot_curves

        path = self.out / "curves.png"
        plot_curves(self.records, title, loss_keys, accuracy_keys, path)
        return path


def _human(key: str, value) -> str:
    if isinstance(value, float):
        return f"{key} {value:.4f}"
    return f"{key} {value}"
