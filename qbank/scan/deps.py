"""The scan extra's libraries, imported once, with one line saying what to install when they are missing."""
from __future__ import annotations

import shutil

from qbank.errors import InputError

INSTALL = "pip install 'qbank[scan]' (opencv-python-headless, zxing-cpp)"


def require() -> None:
    """Raise InputError naming what to install when OpenCV or zxing-cpp cannot be imported."""
    try:
        import cv2  # noqa: F401  (imported to see that it is there)
        import zxingcpp  # noqa: F401
    except ImportError as exc:
        raise InputError(f"qbank scan needs {exc.name}: {INSTALL}") from None


def require_pdftoppm() -> None:
    """Scanned PDFs are rasterised by poppler's pdftoppm."""
    if not shutil.which("pdftoppm") or not shutil.which("pdfinfo"):
        raise InputError("reading PDF scans needs poppler's pdftoppm and pdfinfo (Debian: apt-get install "
                         "poppler-utils); or pass the pages as PNG/JPEG files")
