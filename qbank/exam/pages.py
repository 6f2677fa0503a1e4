r"""Cut page ranges out of pdfTeX's PDFs and join them, in pure Python (no PDF library needed).

It reads only the plain form pdfTeX writes with \pdfobjcompresslevel=0: numbered
objects located by a classic xref table (ISO 32000-1, 7.5.4) and a page tree
whose leaves carry their own /Resources and /MediaBox, as pdfTeX's pages do. A
new file gets the pages it asks for and every object they reach (fonts once per
file, not once per page), renumbered, under a fresh page tree and catalog
(ISO 32000-1, 7.7.2-7.7.3). Streams are copied byte for byte.
"""
from __future__ import annotations

import re
from pathlib import Path

_REF = re.compile(rb"(\d+) 0 R\b")
_PARENT = re.compile(rb"/Parent\s+\d+ 0 R")
_STREAM = re.compile(rb">>\s*stream\r?\n")


class Pdf:
    """A PDF's objects by number and its pages in order."""

    def __init__(self, path: Path):
        self.data = data = Path(path).read_bytes()
        startxref = int(data[data.rindex(b"startxref") + 9:].split()[0])
        if not data.startswith(b"xref", startxref):
            raise ValueError(f"{path}: no classic xref table (compile with \\pdfobjcompresslevel=0)")
        self.offsets, lines, i = {}, data[startxref:data.index(b"trailer", startxref)].split(b"\n")[1:], 0
        while i < len(lines) and lines[i].strip():
            first, count = map(int, lines[i].split())
            for k, entry in enumerate(lines[i + 1:i + 1 + count]):
                offset, _, kind = entry.split()[:3]
                if kind == b"n":
                    self.offsets[first + k] = int(offset)
            i += 1 + count
        ends = sorted(self.offsets.values()) + [startxref]
        self.end = {start: ends[n + 1] for n, start in enumerate(ends[:-1])}
        root = int(re.search(rb"/Root (\d+) 0 R", data[startxref:]).group(1))
        self.pages = self._leaves(int(_REF.search(self.head(root).split(b"/Pages", 1)[1]).group(1)))

    def body(self, number: int) -> bytes:
        """The object's text between `N 0 obj` and `endobj`."""
        start = self.offsets[number]
        chunk = self.data[start:self.end[start]]
        return chunk[chunk.index(b"obj") + 3:chunk.rindex(b"endobj")].strip(b"\r\n ")

    def head(self, number: int) -> bytes:
        """The object's dictionary (or whole body when it is not a stream)."""
        body = self.body(number)
        found = _STREAM.search(body)
        return body[:found.start() + 2] if found else body

    def _leaves(self, number: int) -> list:
        head = self.head(number)
        if re.search(rb"/Type\s*/Pages\b", head):
            kids = head[head.index(b"/Kids"):]
            kids = kids[:kids.index(b"]")]
            return [leaf for kid in _REF.findall(kids) for leaf in self._leaves(int(kid))]
        return [number]


def write(pieces: list, target: Path) -> None:
    """Write to `target` the pages [(Pdf, [1-based page numbers]), ...] in that order."""
    out = bytearray(b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n")
    offsets, kids, next_number = {}, [], 3  # 1: the new page tree, 2: the catalog

    def emit(number, text):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + text + b"\nendobj\n")

    for pdf, page_numbers in pieces:
        order, seen = [], set()
        stack = [pdf.pages[n - 1] for n in reversed(page_numbers)]
        while stack:  # every object the pages reach, except their old parents
            number = stack.pop()
            if number in seen:
                continue
            seen.add(number)
            order.append(number)
            stack.extend(int(ref) for ref in reversed(_REF.findall(_PARENT.sub(b"", pdf.head(number)))))
        new = {old: next_number + k for k, old in enumerate(order)}
        next_number += len(order)
        leaves = {pdf.pages[n - 1] for n in page_numbers}
        for old in order:
            body = pdf.body(old)
            head = pdf.head(old)
            renumbered = _REF.sub(lambda m: b"%d 0 R" % new[int(m.group(1))], _PARENT.sub(b"", head))
            if old in leaves:
                renumbered = b"<<\n/Parent 1 0 R" + renumbered[2:]
            emit(new[old], renumbered + body[len(head):])
        kids += [new[pdf.pages[n - 1]] for n in page_numbers]
    emit(1, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids)))
    emit(2, b"<< /Type /Catalog /Pages 1 0 R >>")
    xref = len(out)
    out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % next_number)
    out.extend(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, next_number)))
    out.extend(b"trailer\n<< /Size %d /Root 2 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (next_number, xref))
    Path(target).write_bytes(bytes(out))


def split(pdf_path: Path, ranges: dict, targets: dict) -> None:
    """targets[letter] gets pages first..last of `pdf_path` for each letter of ranges {letter: (first, last)}."""
    pdf = Pdf(pdf_path)
    for letter, (first, last) in ranges.items():
        write([(pdf, list(range(first, last + 1)))], targets[letter])


def join(pdf_paths: list, target: Path) -> None:
    """Every page of `pdf_paths`, in order, in one file."""
    pdfs = [Pdf(path) for path in pdf_paths]
    write([(pdf, list(range(1, len(pdf.pages) + 1))) for pdf in pdfs], target)
