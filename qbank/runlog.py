"""Read a finished training run (config.json and log.jsonl, see qbank/train/run_dir.py) and summarise it.

Needs neither torch nor the core: the assignment items of the bank show the committed reference
runs in banks/assignments/reference/ through this module. It lives outside qbank/train so that
it is not part of the training code's `code_sha256`, which the committed configs record.
"""
from __future__ import annotations

import json
from pathlib import Path

from qbank.errors import InputError
from qbank.paths import data_dir

REFERENCE_KINDS = ("resnet", "gru")
SYNTHETIC_CIFAR_DIR = "synthetic-cifar"  # the folder qbank/train/resnet/run.py writes smoke images to


def reference_dir(kind: str) -> Path:
    """banks/assignments/reference/<kind>: the committed smoke run of `qbank train <kind>`."""
    if kind not in REFERENCE_KINDS:
        raise InputError(f"reference run {kind!r}: expected one of {', '.join(REFERENCE_KINDS)}")
    return data_dir("banks") / "assignments" / "reference" / kind


def read_run(directory) -> tuple[dict, list[dict]]:
    """(config, records): config.json as a dict and log.jsonl as one dict per epoch, epochs 1, 2, ...

    InputError names the file (and line) when one is missing or malformed.
    """
    directory = Path(directory)
    config_path, log_path = directory / "config.json", directory / "log.jsonl"
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        lines = log_path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"{exc.filename}: run file not found") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{config_path}: line {exc.lineno}: not JSON ({exc.msg})") from exc
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{log_path}: line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or record.get("epoch") != number:
            raise InputError(f"{log_path}: line {number}: expected the record of epoch {number}")
        records.append(record)
    if not isinstance(config, dict) or config.get("kind") not in REFERENCE_KINDS or not records:
        raise InputError(f"{directory}: expected a resnet or gru run with at least one epoch logged")
    return config, records


def summarize(config: dict, records: list[dict]) -> dict:
    """What a solution page shows: the run's setting, its last epoch, and each logged series per epoch.

    Common keys: kind, epochs, seconds (training time, evaluation excluded), device, seed, torch,
    code (first 12 hex digits of code_sha256), synthetic, epoch (the list 1..E) and series
    (logged key -> its values per epoch). resnet adds test_acc, test_loss (last epoch), best_acc,
    best_epoch, n_train, n_test; gru adds val_loss, val_bpc, val_acc, n_train, n_val, vocab_size
    and, on the synthetic source, entropy_rate and gap = val_loss - entropy_rate (nats per char).
    """
    last = records[-1]
    series = {key: [record[key] for record in records] for key in last if key != "epoch"}
    summary = {"kind": config["kind"], "epochs": len(records), "seconds": last["train_seconds"],
               "device": config["device"], "seed": config["seed"], "torch": config["torch"],
               "code": config["code_sha256"][:12], "epoch": [record["epoch"] for record in records],
               "series": series, "n_train": config["n_train"]}
    if config["kind"] == "resnet":
        best = max(range(len(records)), key=lambda i: series["test_acc"][i])  # first of equal maxima
        return dict(summary, test_acc=last["test_acc"], test_loss=last["test_loss"],
                    best_acc=series["test_acc"][best], best_epoch=best + 1, n_test=config["n_test"],
                    synthetic=Path(config["data"]).name == SYNTHETIC_CIFAR_DIR)
    rate = config.get("entropy_rate_nats")
    return dict(summary, val_loss=last["val_loss"], val_bpc=last["val_bpc"], val_acc=last["val_acc"],
                n_val=config["n_val"], vocab_size=len(config["vocab"]), synthetic=rate is not None,
                entropy_rate=rate, gap=None if rate is None else last["val_loss"] - rate)


def reference_summary(kind: str) -> dict:
    """summarize(read_run(reference_dir(kind))): the committed reference run of `qbank train <kind>`."""
    return summarize(*read_run(reference_dir(kind)))


def first_epoch_at_least(epochs: list[int], values: list[float], threshold: float):
    """The first epoch whose value is >= threshold, or None when no epoch reaches it."""
    return next((epoch for epoch, value in zip(epochs, values) if value >= threshold), None)
