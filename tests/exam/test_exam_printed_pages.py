"""Printed pages as an instructor reads them: every PDF page read back with pdftotext.

Builds the shipped demo exam, an exam of every built-in template (once each) and a
long synthetic exam of 20 versions drawn from pools of every kind, then checks each
page of every exam and solution PDF: no page starts with an option of a choice
question, a page that starts inside a question says "Question N continued" in its
header, a multi-part question's first part is on its stem's page, every footer
says "Page N of M" with M the file's page count, and the exam copies of one build
have the same page count. The build itself reports any page whose text runs past
its foot (from pdflatex's log): there must be none.
"""
import re
import shutil
import subprocess

import pytest

from qbank.engine.template import all_templates
from qbank.exam import build
from qbank.paths import data_dir

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("pdftotext")),
                                                   reason="needs pdflatex and pdftotext")]

OPTION = re.compile(r"^[A-H]\. ")  # the exam class's choice labels
NEW_QUESTION = re.compile(r"^(\(\d+ pts?\)\s*)?\d+\. ")  # "(4 pts) 5. ..." or "12. ..." (points on the parts)
FIRST_PART = re.compile(r"^(\(\d+ pts?\)\s*)?\(a\) ")
FOOTER = re.compile(r"Version (\w+) — Page (\d+) of (\d+)$")
FRESH_PAGE = ("Part ", "This page is intentionally left blank.", "Question:")  # Question: a long grade table


def pages_of(path) -> list:
    """The PDF's pages as lists of non-blank lines (pdftotext -layout, stripped)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def problems(path) -> list:
    """Every layout fault of one exam or solutions PDF, as 'file page N: what'."""
    found, pages = [], pages_of(path)
    for number, lines in enumerate(pages[1:], start=2):  # page 1 is the cover: no header, no footer
        where = f"{path.name} page {number}"
        header = lines[0]
        footer = next((line for line in reversed(lines) if FOOTER.search(line)), lines[-1])
        # pdftotext may put a tall symbol (a root sign, a bracket's top) on a line of its own above the text
        first = next((line for line in lines[1:4] if re.search(r"\w{3}", line)), lines[1])
        match = FOOTER.search(footer)
        if not match or (int(match.group(2)), int(match.group(3))) != (number, len(pages)):
            found.append(f"{where}: footer {footer!r}, expected 'Page {number} of {len(pages)}'")
        if OPTION.match(first):
            found.append(f"{where}: starts with an option: {first!r}")
        elif not (NEW_QUESTION.match(first) or first.startswith(FRESH_PAGE) or "continued" in header):
            found.append(f"{where}: starts inside a question without a 'continued' line: {first!r}")
        following = pages[number] if number < len(pages) else None
        if following and FIRST_PART.match(following[1]):  # the next page starts with a question's part (a)
            found.append(f"{where}: a question's data is on this page and its part (a) on the next")
    return found


def check_build(result) -> None:
    assert result.notes == []  # among them: pages whose text runs past the foot
    faults = [fault for name in result.files if name.endswith(".pdf") and name != "all_versions.pdf"
              for fault in problems(result.out / name)]
    assert not faults, "\n".join(faults[:20])
    counts = {len(pages_of(result.out / f"exam_{letter}.pdf")) for letter in result.letters}
    assert len(counts) == 1, f"exam copies differ in page count: {counts}"


def test_demo_exam_pages(tmp_path):
    check_build(build(data_dir("banks") / "demo-final.yaml", tmp_path / "demo", versions=3))


def test_every_builtin_template_prints_cleanly(tmp_path):
    ids = [t.id for t in all_templates()]
    spec = tmp_path / "every.yaml"
    spec.write_text("title: Every template\nseed: 5\nparts:\n  - title: All\n    questions:\n"
                    + "".join(f"      - {template_id}\n" for template_id in ids), encoding="utf-8")
    check_build(build(spec, tmp_path / "every", versions=1))


def test_long_exam_of_twenty_versions(tmp_path):
    by_kind = {}
    for t in all_templates():
        by_kind.setdefault(t.kind, []).append(t.id)
    spec = tmp_path / "long.yaml"
    spec.write_text(
        "title: A long exam on $\\mathbb{R}^n$\ncourse: Deep Learning\nseed: 9\nparts:\n"
        f"  - {{title: Choice, shuffle: true, questions: [{{pool: {by_kind['choice']}, pick: 8, points: 2}}]}}\n"
        f"  - {{title: Short, questions: [{{pool: {by_kind['short']}, pick: 3, points: 4}}]}}\n"
        f"  - {{title: Problems, questions: [{{pool: {by_kind['numeric']}, pick: 5, points: 10}}]}}\n",
        encoding="utf-8")
    result = build(spec, tmp_path / "long", versions=20)
    check_build(result)
    assert "A long exam on $\\mathbb{R}^n$" in (result.out / "exam_A.tex").read_text()
