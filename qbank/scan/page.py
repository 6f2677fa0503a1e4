"""One scanned page from file to readings: load, register, identify, measure every box, read every field.

This is what each worker process runs; everything it returns is plain data
(numbers, text, PNG bytes) so it travels back cheaply.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from qbank.scan import decode, images, measure, register
from qbank.scan.register import SCALE
from qbank.sheets import qr
from qbank.sheets.fields import Field

THUMB_WIDTH = 360  # pixels of a whole-page picture in the review report
CROP_MARGIN = 6.0  # points around a field's boxes in its review crop
MAX_MARK_ERROR = 8.0  # points: marks further than this from a rotated, scaled, shifted sheet are not trusted


@dataclass
class PageResult:
    source: images.Source
    version: str = ""
    page: int = 0
    problem: str = ""  # unreadable | unknown-exam: the page could not be used
    detail: str = ""
    readings: dict = field(default_factory=dict)  # column -> decode.Reading
    boxes: list = field(default_factory=list)  # (box id, column, value, state, fill, confidence)
    crops: dict = field(default_factory=dict)  # column -> PNG bytes of the fields review shows
    thumbnail: bytes = b""  # PNG of the whole page


class Sheets:
    """sheet_layout.json's data indexed for reading pages: QR text -> (version, page dict, Fields)."""

    def __init__(self, data: dict):
        self.exam = data["exam"]
        self.marks = data["marks"]
        self.page_size = data["page_size"]
        self.pages = {}
        for sheet in data["sheets"]:
            for page in sheet["pages"]:
                fields = [Field(**f) for f in page["fields"]]
                self.pages[page["qr"]] = (sheet["version"], page, fields)


def read_page(source: images.Source, sheets: Sheets) -> PageResult:
    result = PageResult(source)
    gray = images.load(source)
    if gray is None:
        return _fail(result, "unreadable", "not an image (or a PDF page pdftoppm cannot render)")
    result.thumbnail = _png(cv2.resize(gray, (THUMB_WIDTH, round(gray.shape[0] * THUMB_WIDTH / gray.shape[1])),
                                       interpolation=cv2.INTER_AREA))
    code_text, _ = register.read_code(gray)
    if code_text is None:
        return _fail(result, "unreadable", "no qbank QR code found (a blank page, another form, or too damaged)")
    code = qr.parse(code_text)
    if code.exam != sheets.exam or code_text not in sheets.pages:
        return _fail(result, "unknown-exam", f"QR code {code_text} is not from this build (exam {sheets.exam})")
    registered = register.register(gray, sheets.marks, sheets.page_size)
    if registered is None:
        return _fail(result, "unreadable", "the four corner marks were not all found")
    if registered.marks_error > MAX_MARK_ERROR:
        return _fail(result, "unreadable", f"the corner marks are {registered.marks_error:.0f} pt off the sheet's "
                                           "rectangle (something else taken for a mark, or the page bent)")
    version, page, fields = sheets.pages[code_text]
    result.version, result.page = version, code.page
    image = registered.image
    paper, ink = measure.levels(image, sheets.marks)
    states = {}
    for box in page["boxes"]:
        reading = measure.measure(image, box["rect"], paper, ink)
        states.setdefault(box["column"], {})[(box["position"], box["value"])] = reading.state
        result.boxes.append((box["id"], box["column"], box["value"], reading.state, round(reading.fill, 4),
                             round(reading.confidence, 3)))
    for f in fields:
        result.readings[f.column] = decode.read_field(f, states.get(f.column, {}))
    for column, rect in _field_rects(page["boxes"]).items():
        if result.readings[column].value in (None, ""):  # what review will show: problems and blanks
            result.crops[column] = _png(_crop(image, rect))
    return result


def _fail(result: PageResult, problem: str, detail: str) -> PageResult:
    result.problem, result.detail = problem, detail
    return result


def _field_rects(boxes: list) -> dict:
    rects = {}
    for box in boxes:
        x0, y0, x1, y1 = box["rect"]
        r = rects.get(box["column"], [x0, y0, x1, y1])
        rects[box["column"]] = [min(r[0], x0), min(r[1], y0), max(r[2], x1), max(r[3], y1)]
    return rects


def _crop(image: np.ndarray, rect: list) -> np.ndarray:
    x0, y0, x1, y1 = (int(round(v * SCALE)) for v in (rect[0] - CROP_MARGIN, rect[1] - CROP_MARGIN,
                                                      rect[2] + CROP_MARGIN, rect[3] + CROP_MARGIN))
    return image[max(0, y0):y1, max(0, x0):x1]


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    return data.tobytes() if ok else b""
