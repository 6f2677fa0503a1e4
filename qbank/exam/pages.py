"""Cut page ranges out of compiled PDFs and join PDFs, with pypdf (a maintained, pure-Python PDF library).

A version's pages are copied with the objects they reach (fonts once per output
file: pypdf clones each source object once per writer). The output is
reproducible: no producer or dates and no file identifier (optional in an
unencrypted file, ISO 32000-1, 14.4), so equal pages give equal bytes.
"""
from __future__ import annotations

from pathlib import Path

# pypdf is imported where a PDF is read or written: it costs a tenth of a second, which every other command
# (and `qbank exam --no-pdf`) would pay for nothing.


def page_count(pdf_path: Path) -> int:
    """How many pages `pdf_path` has."""
    from pypdf import PdfReader

    return len(PdfReader(pdf_path).pages)


def split(pdf_path: Path, ranges: dict, targets: dict) -> None:
    """targets[letter] gets pages first..last (1-based) of `pdf_path`, for each {letter: (first, last)} of `ranges`."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    for letter, (first, last) in ranges.items():
        _write([(reader, range(first - 1, last))], targets[letter])


def join(pdf_paths: list, target: Path) -> None:
    """Every page of `pdf_paths`, in order, in one file."""
    from pypdf import PdfReader

    readers = [PdfReader(path) for path in pdf_paths]
    _write([(reader, range(len(reader.pages))) for reader in readers], target)


def _write(pieces: list, target: Path) -> None:
    """Write the pages [(reader, 0-based page indices), ...] to `target`, reproducibly."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for reader, indices in pieces:
        writer.pdf_header = reader.pdf_header
        for index in indices:
            writer.add_page(reader.pages[index])
    writer.metadata = None  # no /Producer: nothing in the file but the pages (and no /ID: equal pages, equal bytes)
    with open(target, "wb") as handle:
        writer.write(handle)
