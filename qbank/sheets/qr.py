"""What each sheet page's QR code (and the readable line beside it) says: exam, version, page, checksum.

    QB1:<exam>:<version>:<page>:<check>     e.g. QB1:3f9a02c1:B:2:5e0d71

<exam> is 8 hex digits of a sha256 over the build's key and sheets, so pages of
another build are recognised as unknown; <check> is the CRC-32 (zlib) of the text
before it, 6 hex digits, so a misread code or a mistyped correction is refused.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass

PREFIX = "QB1"


@dataclass(frozen=True)
class PageCode:
    exam: str
    version: str
    page: int

    @property
    def text(self) -> str:
        body = f"{PREFIX}:{self.exam}:{self.version}:{self.page}"
        return f"{body}:{_check(body)}"


def exam_id(data) -> str:
    """8 hex digits identifying a build, from any JSON-able description of it."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:8]


def parse(text: str) -> PageCode | None:
    """The PageCode of a QR text, or None when it is not one of ours or its checksum is wrong."""
    pieces = text.strip().split(":")
    if len(pieces) != 5 or pieces[0] != PREFIX or not pieces[3].isdigit():
        return None
    if _check(":".join(pieces[:4])) != pieces[4].lower():
        return None
    return PageCode(pieces[1], pieces[2], int(pieces[3]))


def _check(body: str) -> str:
    return f"{zlib.crc32(body.encode()) & 0xFFFFFF:06x}"
