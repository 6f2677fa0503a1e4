"""PDFs: one batched compile cut per version, reproducible bytes, LaTeX errors placed by question, no TeX handled."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qbank.engine.generate import generate
from qbank.engine.seeds import derive_seed
from qbank.engine.template import get
from qbank.exam import build, pages, pdf
from qbank.exam.layout import document
from qbank.exam.pdf import LatexError, explain

needs_tex = pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("pdftotext")),
                               reason="needs pdflatex and pdftotext")
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
FIXTURE_TEMPLATES = BROKEN.parent / "templates"


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_explain_maps_a_log_line_to_version_and_question():
    body = "% qbank:version B\n\\qbankversion{B}{2}{2}\n% qbank:question demo/x seed=42 number=1\n\\question[2] $\\timez$\n"
    doc = document("\\documentclass{exam}\n", {"A": "% qbank:version A\n", "B": body})
    # Lines: 1 \documentclass, 2 \begin{document}, 3 A's page count, 4 A's body, 5 B's page count,
    # 6-9 B's body: line 9 is the \question.
    log = "(./exam-0.tex\n! Undefined control sequence.\nl.9 \\question[2] $\\timez\n                     $\n"
    assert explain(log, doc, "/tmp/kept/exam-0.log") == (
        'LaTeX error in version B, question 1 (template demo/x, seed 42): Undefined control sequence. at exam_B.tex '
        'line 7 ("\\question[2] $\\timez"); the log is kept in /tmp/kept/exam-0.log; '  # line 7 = 9 - 6 + 4
        '`qbank show demo/x --seed 42 --latex` shows the question')


def test_explain_names_the_title_for_an_error_in_the_preamble():
    preamble = "\\documentclass{exam}\n\\runningheader{Exam on $\\frac{1}{2$}{}{}\n"
    doc = document(preamble, {"A": "% qbank:version A\n"})
    log = ("! Paragraph ended before \\runningheader was complete.\n<to be read again>\n"
           "l.2 \\runningheader{Exam on $\\frac{1}{2$}{}{}\n")
    assert explain(log, doc) == ("LaTeX error in the preamble (its page header holds the spec's title), line 2: "
                                 "Paragraph ended before \\runningheader was complete. "
                                 '("\\runningheader{Exam on $\\frac{1}{2$}{}{}")')


def test_explain_places_a_runaway_argument_where_it_starts():
    body = ("% qbank:version A\n\\qbankversion{A}{2}{2}\n% qbank:question demo/y seed=7 number=3\n"
            "\\question[2] Compute $\\frac{6{2}$ and say why.\n\\qbankend\n")
    doc = document("\\documentclass{exam}\n", {"A": body})
    # TeX read on to the end of the file: no l.<n> line, only the start of the runaway argument.
    log = ("Runaway argument?\n{6{2}$ and say why. \\qbankend \\end {questions} \\qbankendversion \\ETC.\n"
           "! File ended while scanning use of \\frac .\n<inserted text> \n                \\par \n<*> exam-0.tex\n")
    # Lines: 1 \documentclass, 2 \begin{document}, 3 the page count, 4-6 the body: line 7 has the \frac.
    assert explain(log, doc) == (
        'LaTeX error in version A, question 3 (template demo/y, seed 7): File ended while scanning use of \\frac . '
        'at exam_A.tex line 7 ("\\question[2] Compute $\\frac{6{2}$ and say why."); '
        '`qbank show demo/y --seed 7 --latex` shows the question')


def test_without_pdflatex_the_tex_is_written_and_the_fix_is_named(tmp_path, write_spec, sample_spec_text, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = build(write_spec(sample_spec_text), tmp_path / "out")
    assert "exam_A.tex" in result.files and not any(name.endswith(".pdf") for name in result.files)
    assert result.notes == [pdf.INSTALL_HINT] and "apt-get install texlive-latex-extra latexmk" in result.notes[0]


@needs_tex
def test_versions_are_split_into_their_own_pdfs(tmp_path, write_spec, sample_spec_text):
    result = build(write_spec(sample_spec_text), tmp_path / "out")
    for letter in "ABC":
        exam, solutions = pdf_text(result.out / f"exam_{letter}.pdf"), pdf_text(result.out / f"solutions_{letter}.pdf")
        others = set("ABC") - {letter}
        assert f"Version {letter}" in exam and not any(f"Version {o}" in exam for o in others)
        assert "Solution." in solutions and "Solution." not in exam
    combined = pdf_text(result.out / "all_versions.pdf")
    assert all(f"Version {letter}" in combined for letter in "ABC")


@needs_tex
def test_latex_error_names_the_question_and_keeps_earlier_output(tmp_path, write_spec, sample_spec_text):
    good = build(write_spec(sample_spec_text), tmp_path / "out", make_pdf=False)
    before = {p.name: p.read_bytes() for p in good.out.iterdir()}
    broken = write_spec(f"title: Broken\ntemplates: {BROKEN}\nparts:\n"
                        "  - title: P\n    questions: [examtest-broken/undefined-macro]\n", "broken.yaml")
    with pytest.raises(LatexError) as info:
        build(broken, good.out, force=True)
    message = str(info.value)
    assert message.startswith("LaTeX error in version A, question 1 (template examtest-broken/undefined-macro, seed ")
    assert message.endswith("--latex` shows the question")
    assert "Undefined control sequence." in message and "\\timez" in message
    assert {p.name: p.read_bytes() for p in good.out.iterdir()} == before
    shutil.rmtree(Path(re.search(r"the log is kept in (\S+);", message).group(1)).parent)


@needs_tex
def test_an_unbalanced_brace_names_question_template_version_seed_and_line_and_keeps_the_log(tmp_path, write_spec):
    spec = write_spec(f"title: Broken\nseed: 4\ntemplates: [{BROKEN}, {FIXTURE_TEMPLATES}]\nparts:\n"
                      "  - title: P\n    questions: [examtest/difference, examtest-broken/unbalanced-brace]\n")
    with pytest.raises(LatexError) as info:
        build(spec, tmp_path / "out")
    seed = derive_seed(4, "A", "examtest-broken/unbalanced-brace")  # how assemble seeds a first draw
    a = generate(get("examtest-broken/unbalanced-brace"), seed).params["a"]
    match = re.fullmatch(
        rf"LaTeX error in version A, question 2 \(template examtest-broken/unbalanced-brace, seed {seed}\): "
        rf"File ended while scanning use of \\frac \. at solutions_A\.tex line (\d+) "
        rf'\("Compute \$\\frac\{{{a}\{{2\}}\$ and say why\."\); the log is kept in (\S+); '
        rf"`qbank show examtest-broken/unbalanced-brace --seed {seed} --latex` shows the question", str(info.value))
    assert match, str(info.value)
    line, log = int(match.group(1)), Path(match.group(2))
    assert "File ended while scanning use of \\frac" in log.read_text(encoding="latin-1")
    kept_tex = (log.parent / "solutions-0.tex").read_text().splitlines()  # one version: solutions_A.tex's own lines
    assert kept_tex[line - 1] == f"Compute $\\frac{{{a}{{2}}$ and say why."
    assert not (tmp_path / "out").exists()
    shutil.rmtree(log.parent)


@needs_tex
def test_pdfs_are_byte_identical_across_builds(tmp_path, write_spec, sample_spec_text):
    spec = write_spec(sample_spec_text)
    first, second = build(spec, tmp_path / "one"), build(spec, tmp_path / "two")
    for name in first.files:
        assert (first.out / name).read_bytes() == (second.out / name).read_bytes(), name


@needs_tex
def test_pages_cuts_and_joins_pdftex_output(tmp_path):
    (tmp_path / "three.tex").write_text("\\documentclass{article}\\begin{document}"
                                        "First page\\newpage Second page\\newpage Third page\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "three.tex"], cwd=tmp_path, check=True, capture_output=True)
    assert pages.page_count(tmp_path / "three.pdf") == 3
    pages.split(tmp_path / "three.pdf", {"x": (2, 3), "y": (1, 1)}, {"x": tmp_path / "x.pdf", "y": tmp_path / "y.pdf"})
    assert "Second page" in pdf_text(tmp_path / "x.pdf") and "First" not in pdf_text(tmp_path / "x.pdf")
    assert "First page" in pdf_text(tmp_path / "y.pdf") and "Second" not in pdf_text(tmp_path / "y.pdf")
    pages.join([tmp_path / "y.pdf", tmp_path / "x.pdf"], tmp_path / "joined.pdf")
    text = pdf_text(tmp_path / "joined.pdf")
    assert text.index("First page") < text.index("Second page") < text.index("Third page")
    assert pages.page_count(tmp_path / "joined.pdf") == 3


@needs_tex
def test_a_versions_own_tex_compiles_alone_to_the_same_text(tmp_path, write_spec, sample_spec_text):
    result = build(write_spec(sample_spec_text), tmp_path / "out")
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(result.out / "solutions_B.tex", alone)
    subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "solutions_B.tex"],
                   cwd=alone, check=True, capture_output=True)
    assert pdf_text(alone / "solutions_B.pdf") == pdf_text(result.out / "solutions_B.pdf")


def test_pages_whose_text_runs_past_their_foot_are_found_in_the_log(tmp_path):
    log = tmp_path / "solutions-0.log"
    log.write_text("qbank:version A starts on page 1\n[1] [2]\nqbank:version A ends on page 2\n"
                   "qbank:version B starts on page 3\n[1]\n"
                   "Overfull \\vbox (79.50073pt too high) has occurred while \\output is active []\n\n[2] [3]\n"
                   "Overfull \\vbox (0.7pt too high) has occurred while \\output is active []\n[4]\n")
    # B's second page runs 79.5pt over; 0.7pt does not show on paper (below pdf.OVERFULL_PT)
    assert pdf.overfull_pages(log) == [("B", 2, 79.50073)]
