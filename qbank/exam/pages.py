"""Split a PDF of many versions into one PDF per version, with poppler's pdfseparate and pdfunite."""
from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qbank.errors import InputError


def can_split() -> bool:
    return all(shutil.which(tool) for tool in ("pdfseparate", "pdfunite"))


def split(pdf: Path, ranges: dict, targets: dict) -> None:
    """Write pages first..last of `pdf` to targets[letter] for each letter of `ranges` {letter: (first, last)}.

    The pages go to a folder beside `pdf` first (one pdfseparate call), then
    each version is joined with pdfunite, in parallel.
    """
    pages = pdf.parent / f"{pdf.stem}-pages"
    pages.mkdir()
    last_page = max(last for _, last in ranges.values())
    _run(["pdfseparate", "-f", "1", "-l", str(last_page), str(pdf), str(pages / "%d.pdf")])

    def join(letter):
        first, last = ranges[letter]
        parts = [str(pages / f"{n}.pdf") for n in range(first, last + 1)]
        if len(parts) == 1:
            shutil.copyfile(parts[0], targets[letter])
        else:
            _run(["pdfunite", *parts, str(targets[letter])])

    with ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as pool:
        list(pool.map(join, sorted(ranges)))
    shutil.rmtree(pages)


def unite(pdfs: list, target: Path) -> None:
    """Concatenate `pdfs` into `target` (a single file is copied)."""
    if len(pdfs) == 1:
        shutil.copyfile(pdfs[0], target)
    else:
        _run(["pdfunite", *map(str, pdfs), str(target)])


def _run(cmd):
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise InputError(f"{cmd[0]} failed: {done.stderr.strip()}")
