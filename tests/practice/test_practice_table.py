"""The answer table (tests/answer_table.py) through the terminal drill (pexpect) and the page (HTTP):
every row gets the verdict `qbank grade` gives it (tests/grade/test_grade_table.py)."""
import sys
from pathlib import Path

import pytest

from answer_table import rows
from practice_support import Client
from qbank.engine.generate import generate
from qbank.engine.loader import load_directory
from qbank.engine.reader import spellings
from qbank.engine.scoring import BLANK, PARTIAL, RIGHT, UNREADABLE, WRONG
from qbank.engine.template import get
from qbank.practice.terminal_parts import takes_rows

TABLE_DIR = Path(__file__).resolve().parent / "fixtures" / "table"
VERDICT_LINES = [(RIGHT, r"✓ right \(([\d.]+) of [\d.]+ pt\)"),
                 (PARTIAL, r"◐ partly right: [^\n]*\(([\d.]+) of [\d.]+ pt\)"),
                 (WRONG, r"✗ not right[^\n]*\(([\d.]+) of [\d.]+ pt\)"),
                 (UNREADABLE, r"Cannot read [^\n]*\. Try again\."),
                 (BLANK, r"No answer given\. Try again\.")]


def row_of(part):
    return rows()[int(part.name[1:])]


def type_answer(child, part, text):
    """Type `text` at the drill's prompt, a matrix one row per line ending with an empty line."""
    child.expect_exact("> ")
    lines = text.split("\n")
    child.sendline(lines[0])
    if takes_rows(part) and text.strip() and text.strip()[0] not in "[(":
        for line in lines[1:] + [""]:
            child.expect_exact(". ")
            child.sendline(line)


def test_the_drill_gives_every_row_its_verdict(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from test_practice_terminal import HEADER

    argv = ["-m", "qbank", "practice", "--templates", str(TABLE_DIR), "--topic", "table", "--count", "2",
            "--seed", "1", "--progress", str(tmp_path / "p.json")]
    child = pexpect.spawn(sys.executable, argv, encoding="utf-8", timeout=60, dimensions=(50, 250))
    load_directory(TABLE_DIR)
    seen = []
    for _ in range(2):
        child.expect(HEADER)
        template_id, _, seed = child.match.groups()
        for part in generate(get(template_id), int(seed)).parts:
            text, spec, key, state, points = row_of(part)
            type_answer(child, part, text)
            shown = VERDICT_LINES[child.expect([pattern for _, pattern in VERDICT_LINES])][0]
            assert shown == state, (text, spec.kind)
            if state in (UNREADABLE, BLANK):  # asked again: the key's own spelling is right
                type_answer(child, part, spellings(spec, key)[0])
                child.expect(VERDICT_LINES[0][1])
            else:
                assert float(child.match.group(1)) == points, (text, spec.kind)
            seen.append(part.name)
    child.expect(pexpect.EOF)
    assert sorted(seen) == sorted(f"r{i}" for i in range(len(rows())))


def test_the_page_gives_every_row_its_verdict(serve):
    templates = [get(tid) for tid in load_directory(TABLE_DIR)]
    app, port = serve(templates, pool_depth=0)
    http = Client(port)
    for template in templates:
        prepared = app.pool.take([template])
        token = app.sessions.add(prepared)
        answers = {p.name: row_of(p)[0] for p in prepared.instance.parts}
        expected = {p.name: row_of(p)[3:] for p in prepared.instance.parts}
        status, first = http.json("POST", "/api/answer", {"token": token, "answers": answers})
        # unreadable and blank answers come back alone, with their messages, and reveal nothing
        assert status == 200 and first["status"] == "invalid" and "parts" not in first
        assert first["states"] == {name: state for name, (state, _) in expected.items() if state in (UNREADABLE, BLANK)}
        for name, message in first["errors"].items():
            assert message.startswith("cannot read" if first["states"][name] == UNREADABLE else "no answer")
        status, checked = http.json("POST", "/api/answer", {"token": token, "answers": answers, "reveal": True})
        assert {p["name"]: (p["state"], p["points"]) for p in checked["parts"]} == expected
