"""Place a version's answer fields on sheet pages: boxes with ids and rectangles, and the labels around them.

Every page repeats the header: title, version, page, the QR code, a name line and
the student-id grid, so any page alone says whose it is. Field blocks then flow
left to right in rows (shelves), in question order, onto as many pages as they need.
Rectangles are [x0, y0, x1, y1] in points from the top-left corner (see geometry.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qbank.sheets import geometry as g
from qbank.sheets.fields import Field

LABEL_W = 30.0  # room for a choice field's "12(c)"
ROW_LABEL_W = 10.0  # room for a grid's 0-9 row labels
HEAD_H = 12.0  # a grid's title line
POINT_W = 6.0  # the printed decimal point between a real's digit columns
COMMA_W = 8.0  # the printed comma between a shape's dimensions


@dataclass
class Box:
    id: str
    column: str
    value: str  # "B", "7", "-"
    position: int  # choice: 0; grids: the digit column from the left, 1-based (0 is the sign box)
    rect: list

    def to_json(self) -> dict:
        return {"id": self.id, "column": self.column, "value": self.value, "position": self.position,
                "rect": [round(v, 2) for v in self.rect]}


@dataclass
class Page:
    number: int
    boxes: list = field(default_factory=list)
    labels: list = field(default_factory=list)  # (x, y, text, size, anchor): anchor l, c or r; y is the baseline
    fields: list = field(default_factory=list)  # Field objects placed on this page


def block_size(f: Field) -> tuple:
    """(width, height) of a field's block."""
    if f.kind == "choice":
        return LABEL_W + f.options * g.PITCH_X, g.PITCH_Y + 10
    columns = f.digits * f.dims + f.decimals
    extra = (POINT_W if f.decimals else 0) + COMMA_W * (f.dims - 1)
    return ROW_LABEL_W + columns * g.PITCH_X + extra, HEAD_H + g.PITCH_Y * (11 if f.sign else 10)


def place_block(page: Page, f: Field, x: float, y: float, prefix: str) -> None:
    """Add the boxes and labels of field `f` with its block's top-left corner at (x, y)."""
    page.fields.append(f)

    def box(value, position, bx, by):
        rect = [bx, by, bx + g.BOX, by + g.BOX]
        page.boxes.append(Box(f"{prefix}.{f.column}.{position}.{value}", f.column, value, position, rect))

    if f.kind == "choice":
        page.labels.append((x, y + 20, f.label, 9, "l"))
        for k in range(f.options):
            bx = x + LABEL_W + k * g.PITCH_X
            page.labels.append((bx + g.BOX / 2, y + 7, chr(ord("A") + k), 6, "c"))
            box(chr(ord("A") + k), 0, bx, y + 10)
        return
    page.labels.append((x, y + 9, f.label, 9, "l"))
    top = y + HEAD_H
    if f.sign:
        box("-", 0, x + ROW_LABEL_W, top)
        page.labels.append((x + ROW_LABEL_W + g.BOX + 3, top + 9, "minus", 6, "l"))
        top += g.PITCH_Y
    for row in range(10):
        page.labels.append((x + ROW_LABEL_W - 3, top + row * g.PITCH_Y + 8.5, str(row), 6, "r"))
    bx, position = x + ROW_LABEL_W, 1
    for dim in range(f.dims):
        if dim:
            page.labels.append((bx + COMMA_W / 2 - 2, top + 10 * g.PITCH_Y - 2, ",", 12, "c"))
            bx += COMMA_W
        for k in range(f.digits + f.decimals):
            if f.decimals and k == f.digits:
                page.labels.append((bx + POINT_W / 2 - 1, top + 10 * g.PITCH_Y - 2, ".", 14, "c"))
                bx += POINT_W
            for row in range(10):
                box(str(row), position, bx, top + row * g.PITCH_Y)
            bx += g.PITCH_X
            position += 1


def paginate(fields: list, id_field: Field, prefix: str) -> list:
    """Pages for `fields` (shelf packing in order); every page carries the id grid; `prefix` starts box ids."""
    pages = [_new_page(1, id_field, prefix)]
    x0, y0, x1, y1 = g.CONTENT
    x, y, shelf = x0, y0, 0.0
    for f in fields:
        w, h = block_size(f)
        if x > x0 and x + w > x1:
            x, y, shelf = x0, y + shelf + g.GAP, 0.0
        if y + h > y1:
            pages.append(_new_page(len(pages) + 1, id_field, prefix))
            x, y, shelf = x0, y0, 0.0
        place_block(pages[-1], f, x, y, f"{prefix}.{pages[-1].number}")
        x, shelf = x + w + g.GAP, max(shelf, h)
    return pages


def _new_page(number: int, id_field: Field, prefix: str) -> Page:
    page = Page(number)
    place_block(page, id_field, g.CONTENT[0], 92.0, f"{prefix}.{number}")
    return page
