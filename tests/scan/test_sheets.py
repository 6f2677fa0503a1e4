"""Answer sheets: sheet_layout.json's promises (unique ids, boxes inside the page and apart) and the PDF
drawn where the layout says."""
import json
import re

import numpy as np

from qbank.sheets import geometry as g
from qbank.sheets import qr
from qbank.sheets.fields import Field, sheet_fields


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_layout_ids_unique_and_boxes_apart(built):
    data = json.loads((built / "sheet_layout.json").read_text())
    ids = [b["id"] for s in data["sheets"] for p in s["pages"] for b in p["boxes"]]
    assert len(ids) == len(set(ids))
    for sheet in data["sheets"]:
        for page in sheet["pages"]:
            rects = [b["rect"] for b in page["boxes"]]
            for i, r in enumerate(rects):
                assert 0 < r[0] < r[2] < g.PAGE_W and 0 < r[1] < r[3] < g.PAGE_H
                assert r[2] - r[0] == g.BOX and r[3] - r[1] == g.BOX
                assert not any(_overlap(r, m) for m in data["marks"] + [g.qr_rect()])
                assert not any(_overlap(r, other) for other in rects[i + 1:])
            assert qr.parse(page["qr"]) == qr.PageCode(data["exam"], sheet["version"], page["page"])


def test_fields_follow_the_key(built):
    """Choices get a box per listed option; integer/real/shape parts get grids; the matrix and text parts
    of the key stay off the sheet. The key's reals are given with 3 decimals (init/xavier-he)."""
    key = json.loads((built / "key.json").read_text())
    version = key["versions"][0]
    fields = {f.column: f for f in sheet_fields(version)}
    for q in version["questions"]:
        for part in q["parts"]:
            column = f"{q['number']}.{part['name']}"
            assert (column in fields) == (part["kind"] in ("choice", "integer", "real", "shape"))
            if part["kind"] == "choice":
                assert fields[column].options == len(q["params"]["options"])
            if part["kind"] == "real":
                assert fields[column].decimals == part["digits"]
                assert 10 ** fields[column].digits > abs(part["value"])
            if part["kind"] == "shape":
                assert fields[column].dims == len(part["value"])


def test_grid_width_keeps_a_spare_column():
    """42 needs 2 digits: the grid has 3, so its width does not give the answer away."""
    version = {"questions": [{"number": 1, "params": {}, "parts": [{"name": "n", "kind": "integer", "value": -42}]}]}
    assert sheet_fields(version) == [Field("1.n", "1", "integer", digits=3, sign=True)]


def test_boxes_are_drawn_where_the_layout_says(sheet):
    """At 150 dpi a box's outline (0.8 pt, 1.7 pixels, grey where anti-aliased) is dark on all four sides
    and its inside is white."""
    s = sheet.dpi / 72
    for (version, number), image in sheet.blank.items():
        for box in sheet.page(version, number)["boxes"]:
            x0, y0, x1, y1 = (v * s for v in box["rect"])
            cx, cy = int((x0 + x1) / 2), int((y0 + y1) / 2)
            edges = [image[cy, int(x0) - 1:int(x0) + 3], image[cy, int(x1) - 3:int(x1) + 1],
                     image[int(y0) - 1:int(y0) + 3, cx], image[int(y1) - 3:int(y1) + 1, cx]]
            assert all(edge.min() < 160 for edge in edges), box["id"]
            assert image[cy - 3:cy + 4, cx - 3:cx + 4].min() > 200, box["id"]


def test_qr_checksum_refuses_a_changed_code():
    code = qr.PageCode("3f9a02c1", "B", 2).text
    assert qr.parse(code) == qr.PageCode("3f9a02c1", "B", 2)
    assert qr.parse(code.replace(":B:", ":C:")) is None
    assert qr.parse("not ours") is None


def test_marks_sit_in_the_corners():
    rects = np.array(g.marks())
    assert (rects[:, 0] < g.PAGE_W / 2).tolist() == [True, False, False, True]
    assert (rects[:, 1] < g.PAGE_H / 2).tolist() == [True, True, False, False]


def test_the_sheets_spec_key_is_checked(tmp_path):
    import pytest

    from qbank.errors import InputError
    from qbank.exam.spec import parse

    base = "title: T\nparts:\n  - title: P\n    questions: [concepts/lstm-forget-gate]\n"
    for value, message in (("maybe", "'sheets' should be true, false or {id_digits: N}"),
                           ("{id_digits: 20}", "'id_digits' should be at most 12, got 20"),
                           ("{digits: 6}", "'sheets' should be true, false or {id_digits: N}")):
        path = tmp_path / "spec.yaml"
        path.write_text(base + f"sheets: {value}\n")
        with pytest.raises(InputError, match=re.escape(message)):
            parse(path)
    path.write_text(base + "sheets: {id_digits: 6}\n")
    assert parse(path).sheets == 6
    path.write_text(base + "sheets: true\n")
    assert parse(path).sheets == 8
