"""Scanner output to grey images: every page of every PDF (rendered by pdftoppm) and every PNG/JPEG/TIFF file.

A folder stands for the image files in it, in name order. Pages may come in any
order, from several files; each is named by its file and 1-based page number.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import InputError
from qbank.scan import deps

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
DPI = 200  # PDF pages are rendered at this resolution: a sheet box is 30 pixels wide


@dataclass(frozen=True)
class Source:
    file: str  # as given on the command line (or inside a given folder)
    page: int  # 1-based page of a PDF; 1 for an image file

    @property
    def name(self) -> str:
        return f"{self.file}#{self.page}"


def sources(paths) -> list:
    """Every page of `paths` (PDFs, images, folders of images) as Sources, in the order given."""
    found = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES + (".pdf",))
            if not files:
                raise InputError(f"{path}: no PDF, PNG or JPEG files in this folder")
        elif path.exists():
            files = [path]
        else:
            raise InputError(f"{path}: no such file or folder")
        for file in files:
            found += _pages(file)
    return found


def load(source: Source):
    """The grey image (uint8, rows x columns) of one page; None when it cannot be read."""
    import cv2
    import numpy as np

    if not source.file.lower().endswith(".pdf"):
        return cv2.imread(source.file, cv2.IMREAD_GRAYSCALE)
    done = subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(source.page), "-l", str(source.page),
                           source.file], capture_output=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0 or not done.stdout:
        return None
    return cv2.imdecode(np.frombuffer(done.stdout, np.uint8), cv2.IMREAD_GRAYSCALE)


def _pages(file: Path) -> list:
    if file.suffix.lower() in IMAGE_SUFFIXES:
        return [Source(str(file), 1)]
    if file.suffix.lower() != ".pdf":
        raise InputError(f"{file}: not a PDF, PNG or JPEG file")
    deps.require_pdftoppm()
    done = subprocess.run(["pdfinfo", str(file)], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    count = re.search(r"^Pages:\s+(\d+)", done.stdout, re.M)
    if done.returncode != 0 or not count:
        raise InputError(f"{file}: not a readable PDF ({done.stderr.strip().splitlines()[-1:] or 'pdfinfo failed'})")
    return [Source(str(file), page) for page in range(1, int(count.group(1)) + 1)]
