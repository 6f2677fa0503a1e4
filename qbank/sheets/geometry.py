"""The fixed geometry of every answer sheet, in PDF points (1/72 in) from the page's top-left corner.

US Letter, as the exam pages. The four registration marks are solid squares
half an inch in from each corner, far enough in that a scanner's crop keeps them.
Boxes are 11 pt squares on a 15 x 14 pt pitch: large enough for a pen's cross,
apart enough that a cross overshooting its box stays out of the next one.
"""
PAGE_W, PAGE_H = 612.0, 792.0
MARK = 16.0  # side of a registration mark
MARK_INSET = 36.0  # from the page edge to the mark's outer side
BOX = 11.0
PITCH_X, PITCH_Y = 15.0, 14.0
LINE = 0.8  # box outline width, drawn inside the box's rectangle
QR = 66.0  # side of the QR code
CONTENT = (60.0, 250.0, 552.0, 740.0)  # x0, y0, x1, y1 of the area answer fields flow into
GAP = 14.0  # between field blocks


def marks() -> list:
    """The four mark rectangles [x0, y0, x1, y1]: top-left, top-right, bottom-right, bottom-left."""
    near, far_x, far_y = MARK_INSET, PAGE_W - MARK_INSET - MARK, PAGE_H - MARK_INSET - MARK
    return [[x, y, x + MARK, y + MARK] for x, y in ((near, near), (far_x, near), (far_x, far_y), (near, far_y))]


def qr_rect() -> list:
    """Where the QR code sits: top right, below the top-right mark."""
    x1 = PAGE_W - MARK_INSET - MARK - 8
    return [x1 - QR, 44.0, x1, 44.0 + QR]
