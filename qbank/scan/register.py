"""Register a scanned page onto its sheet: read the QR code, turn the page upright, find the four corner
marks and warp the page so that sheet points map to pixels at a fixed scale.

The QR code sits top right on every sheet page, so where the decoder finds it
says whether the page lies upside down (or on its side). The corner marks are the
largest solid squares near each corner; the homography from their centres in the
layout to their centres in the image (Hartley & Zisserman, Multiple View Geometry,
4.1, exact for four points) takes out rotation, shift, scale and perspective.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from qbank.sheets import qr

SCALE = 200 / 72  # pixels per point of the registered page (200 dpi)
SEARCH = 0.14  # a mark is looked for within this fraction of the page's width around where it belongs


@dataclass
class Registered:
    image: np.ndarray  # the page warped to the sheet: point (x, y) at pixel (x * SCALE, y * SCALE)
    code: str  # the QR text
    marks_error: float  # how far (points) the detected marks sit from a rigid similarity fit (quality)


def read_code(gray: np.ndarray):
    """(QR text, its centre (x, y) in pixels) of the first qbank code on the page, or (None, None)."""
    for attempt in (gray, cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)):
        for result in zxingcpp.read_barcodes(attempt, formats=zxingcpp.BarcodeFormat.QRCode):
            if qr.parse(result.text):
                p = result.position
                factor = gray.shape[1] / attempt.shape[1]
                xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
                ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
                return result.text, (factor * sum(xs) / 4, factor * sum(ys) / 4)
    return None, None


def upright(gray: np.ndarray, centre, page_size) -> np.ndarray:
    """`gray` turned by quarter turns so that the QR centre lies where the sheet has it (top right)."""
    h, w = gray.shape
    x, y = centre[0] / w, centre[1] / h
    if y > 0.5 and x < 0.5:
        return cv2.rotate(gray, cv2.ROTATE_180)
    if x < 0.5 and y < 0.5:
        return cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE)
    if x > 0.5 and y > 0.5:
        return cv2.rotate(gray, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return gray


def find_marks(gray: np.ndarray, marks: list, page_size) -> np.ndarray | None:
    """The 4 mark centres (pixels, layout order) of an upright page; None when any is not found."""
    h, w = gray.shape
    px = w / page_size[0]  # pixels per point, assuming the scan covers the page
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    side = (marks[0][2] - marks[0][0]) * px
    found = []
    for rect in marks:
        want = np.array([(rect[0] + rect[2]) / 2 * px, (rect[1] + rect[3]) / 2 * px])
        best, best_distance = None, SEARCH * w
        for k in range(1, count):
            x, y, bw, bh, area = stats[k]
            if not (0.7 * side < bw < 1.45 * side and 0.7 * side < bh < 1.45 * side and area > 0.8 * bw * bh):
                continue
            distance = float(np.hypot(*(centroids[k] - want)))
            if distance < best_distance:
                best, best_distance = centroids[k], distance
        if best is None:
            return None
        found.append(best)
    return np.array(found, dtype=np.float64)


def register(gray: np.ndarray, marks: list, page_size) -> Registered | None:
    """The registered page, or None when its QR code or its marks cannot be found."""
    code, centre = read_code(gray)
    if code is None:
        return None
    gray = upright(gray, centre, page_size)
    found = find_marks(gray, marks, page_size)
    if found is None:
        return None
    sheet = np.array([[(r[0] + r[2]) / 2 * SCALE, (r[1] + r[3]) / 2 * SCALE] for r in marks], dtype=np.float64)
    homography = cv2.getPerspectiveTransform(found.astype(np.float32), sheet.astype(np.float32))
    size = (round(page_size[0] * SCALE), round(page_size[1] * SCALE))
    image = cv2.warpPerspective(gray, homography, size, flags=cv2.INTER_LINEAR, borderValue=255)
    return Registered(image, code, _fit_error(found, sheet))


def _fit_error(found: np.ndarray, sheet: np.ndarray) -> float:
    """Largest distance (points) between the marks and a similarity transform fitted to them: a page
    bent or a mark mistaken for something else shows up here."""
    matrix, _ = cv2.estimateAffinePartial2D(found.astype(np.float32), sheet.astype(np.float32))
    if matrix is None:
        return float("inf")
    moved = found @ matrix[:, :2].T + matrix[:, 2]
    return float(np.max(np.hypot(*(moved - sheet).T)) / SCALE)
