"""Synthetic scans of answer sheets, for the scan tests and benchmarks/scan.py (test code, not qbank's).

Renders a build's sheet pages with pdftoppm, writes answers into their boxes with
pen-like strokes (ticks, light ticks, crosses, crosses that overshoot; a filled
box for a cancelled mark; an erased trace that must read as empty), and degrades
each page as a scanner does: rotation, shift, scale, blur, noise, JPEG, and turning
it upside down.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from qbank.sheets.fields import Field

MARK_STYLES = ("tick", "light-tick", "cross", "big-cross")
# How hard the scanner and the pen are on the page; benchmarks/scan.py --harsh raises them past what the
# thresholds were tuned on, to see whether what is read wrong is flagged.
CONDITIONS = {"blur": (0.3, 1.0), "noise": (2, 8), "light": (110, 150)}
HARSH = {"blur": (0.8, 1.8), "noise": (6, 16), "light": (150, 195)}


@dataclass
class Sheet:
    """A build's sheets: layout data and every page rendered blank at `dpi`."""

    build: Path
    dpi: int
    layout: dict = field(init=False)
    blank: dict = field(init=False)  # (version, page) -> grey image

    def __post_init__(self):
        self.layout = json.loads((self.build / "sheet_layout.json").read_text())
        self.blank = {}
        for sheet in self.layout["sheets"]:
            done = subprocess.run(["pdftoppm", "-r", str(self.dpi), "-gray", str(self.build / sheet["file"])],
                                  capture_output=True, check=True)
            images = _split_pgm(done.stdout)
            for page, image in zip(sheet["pages"], images):
                self.blank[sheet["version"], page["page"]] = image

    def page(self, version: str, number: int) -> dict:
        sheet = next(s for s in self.layout["sheets"] if s["version"] == version)
        return sheet["pages"][number - 1]

    def pages(self, version: str) -> list:
        return next(s for s in self.layout["sheets"] if s["version"] == version)["pages"]


def boxes_for(page: dict, column: str, text: str) -> list:
    """The boxes (layout dicts) a student marks to write `text` in `column`'s field on `page`."""
    f = next(Field(**f) for f in page["fields"] if f["column"] == column)
    boxes = {(b["position"], b["value"]): b for b in page["boxes"] if b["column"] == column}
    if text == "":
        return []
    if f.kind == "choice":
        return [boxes[0, text]]
    chosen = []
    if text.startswith("-"):
        chosen.append(boxes[0, "-"])
        text = text[1:]
    if f.kind == "shape":
        for d, dim in enumerate(text.strip("()").split(",")):
            chosen += [boxes[1 + d * f.digits + k, ch] for k, ch in enumerate(dim.strip())]
        return chosen
    whole, _, fraction = text.partition(".")
    if f.kind == "real" and f.decimals:
        start = f.digits - len(whole) + 1  # against the printed point
        chosen += [boxes[start + k, ch] for k, ch in enumerate(whole)]
        chosen += [boxes[f.digits + 1 + k, ch] for k, ch in enumerate(fraction)]
        return chosen
    return chosen + [boxes[1 + k, ch] for k, ch in enumerate(whole)]


def draw(image: np.ndarray, rect: list, style: str, dpi: int, rng) -> None:
    """A pen stroke `style` into the box at `rect` (points) of `image` (rendered at `dpi`), in place."""
    s = dpi / 72
    x0, y0, x1, y1 = (v * s for v in rect)
    w, h = x1 - x0, y1 - y0
    jitter = lambda: rng.uniform(-0.06, 0.06)  # noqa: E731
    pen = max(1, round(0.3 / 25.4 * dpi))  # a 0.3 mm pen
    colour = int(rng.integers(20, 70))

    def line(a, b, value=colour, width=pen):
        pa = (int(x0 + (a[0] + jitter()) * w), int(y0 + (a[1] + jitter()) * h))
        pb = (int(x0 + (b[0] + jitter()) * w), int(y0 + (b[1] + jitter()) * h))
        cv2.line(image, pa, pb, value, width, cv2.LINE_AA)

    if style in ("tick", "light-tick"):
        value = colour if style == "tick" else int(rng.integers(*CONDITIONS["light"]))
        line((0.2, 0.55), (0.42, 0.82), value)
        line((0.42, 0.82), (0.85, 0.15), value)
    elif style == "cross":
        line((0.18, 0.18), (0.82, 0.82))
        line((0.82, 0.18), (0.18, 0.82))
    elif style == "big-cross":  # overshoots its box, as a hurried hand does
        line((-0.15, -0.1), (1.1, 1.15), width=pen + 1)
        line((1.1, -0.15), (-0.12, 1.1), width=pen + 1)
    elif style == "cancel":  # a mark, then the box filled to take it back
        line((0.18, 0.18), (0.82, 0.82))
        inner = np.array([[x0 + 0.08 * w, y0 + 0.08 * h], [x1 - 0.08 * w, y0 + 0.1 * h],
                          [x1 - 0.1 * w, y1 - 0.08 * h], [x0 + 0.1 * w, y1 - 0.1 * h]], np.int32)
        cv2.fillPoly(image, [inner], colour)
    elif style == "erased":  # a cross rubbed out: a faint trace
        trace = int(rng.integers(205, 230))
        line((0.18, 0.18), (0.82, 0.82), trace)
        line((0.82, 0.18), (0.18, 0.82), trace)
    else:
        raise ValueError(style)


def degrade(image: np.ndarray, rng, upside_down=False, angle=None, jpeg=True) -> np.ndarray:
    """`image` as a scanner returns it: turned up to 3 degrees, shifted, scaled 0.97-1.03, blurred, noisy."""
    h, w = image.shape
    angle = rng.uniform(-3, 3) if angle is None else angle
    scale = rng.uniform(0.97, 1.03)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    matrix[:, 2] += rng.uniform(-0.015, 0.015, 2) * (w, h)
    out = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=int(rng.integers(235, 256)))
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(*CONDITIONS["blur"]))
    out = out.astype(np.float32) * rng.uniform(0.85, 1.0) + rng.normal(0, rng.uniform(*CONDITIONS["noise"]), out.shape)
    out = np.clip(out, 0, 255).astype(np.uint8)
    if upside_down:
        out = cv2.rotate(out, cv2.ROTATE_180)
    if jpeg:
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 90))])
        out = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    return out


def fill_page(sheet: Sheet, version: str, number: int, answers: dict, rng, styles=MARK_STYLES,
              extras=()) -> np.ndarray:
    """The page with `answers` ({column: text}, student_id included) written in; `extras` are
    (box id, style) pairs drawn as well (cancelled or erased marks)."""
    page = sheet.page(version, number)
    image = sheet.blank[version, number].copy()
    for column, text in answers.items():
        if any(f["column"] == column for f in page["fields"]):
            for box in boxes_for(page, column, text):
                draw(image, box["rect"], str(rng.choice(styles)), sheet.dpi, rng)
    by_id = {b["id"]: b for b in page["boxes"]}
    for box_id, style in extras:
        draw(image, by_id[box_id]["rect"], style, sheet.dpi, rng)
    return image


def write_pdf(images: list, path: Path) -> None:
    """A scanner's PDF: one JPEG image a page (via img2pdf-free route: Pillow)."""
    from PIL import Image

    pictures = [Image.fromarray(image) for image in images]
    pictures[0].save(path, save_all=True, append_images=pictures[1:], resolution=200.0)


def _split_pgm(data: bytes) -> list:
    """pdftoppm writes one PGM after another to stdout; decode them all."""
    images, offset = [], 0
    while offset < len(data):
        fields, cursor = [], offset
        while len(fields) < 4:  # magic, width, height, maxval
            while data[cursor:cursor + 1].isspace():
                cursor += 1
            end = cursor
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(data[cursor:end])
            cursor = end
        cursor += 1
        width, height = int(fields[1]), int(fields[2])
        images.append(np.frombuffer(data, np.uint8, width * height, cursor).reshape(height, width).copy())
        offset = cursor + width * height
    return images


def random_answers(sheet: Sheet, version: str, student_id: str, rng) -> dict:
    """{column: text} a student might write on `version`'s sheet: every field answered, values that fit."""
    answers = {"student_id": student_id}
    for page in sheet.pages(version):
        for f in page["fields"]:
            kind, column = f["kind"], f["column"]
            if kind == "choice":
                answers[column] = chr(ord("A") + int(rng.integers(f["options"])))
            elif kind == "integer":
                answers[column] = str(int(rng.integers(-(10 ** f["digits"]) + 1, 10 ** f["digits"])))
            elif kind == "real":
                whole = int(rng.integers(0, 10 ** f["digits"]))
                fraction = int(rng.integers(0, 10 ** f["decimals"]))
                sign = "-" if rng.random() < 0.3 else ""
                answers[column] = f"{sign}{whole}." + f"{fraction:0{f['decimals']}d}" if f["decimals"] \
                    else f"{sign}{whole}"
            elif kind == "shape":
                answers[column] = "(" + ", ".join(str(int(rng.integers(1, 10 ** f["digits"])))
                                                  for _ in range(f["dims"])) + ")"
    return answers
