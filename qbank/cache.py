"""qbank's cache folder: what one run keeps so the next one need not redo it.

$QBANK_CACHE_DIR, else $XDG_CACHE_HOME/qbank (~/.cache/qbank), with a subfolder per
kind: jinja2/ (compiled texts, qbank/engine/compile_cache.py) and valid/ (YAML files
already checked against their schema, qbank/yamlschema.py). Every entry is keyed by
what it was made from, so it is never stale; where the folder cannot be made or
written, nothing is cached and a command is only slower.
"""
from __future__ import annotations

import os
from pathlib import Path


def folder(kind: str) -> Path | None:
    """The cache's subfolder `kind`, made if need be; None when it cannot be."""
    root = os.environ.get("QBANK_CACHE_DIR")
    if not root:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qbank"
    path = Path(root) / kind
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path
