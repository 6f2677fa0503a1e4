"""Building without PDFs: byte-identical .tex, solutions kept out of the exam copy, atomic output."""
import hashlib
import json

import pytest

from qbank.errors import InputError
from qbank.exam import build

NAMES = ["all_versions.tex", "exam_A.tex", "exam_B.tex", "exam_C.tex", "key.csv", "key.json",
         "solutions_A.tex", "solutions_B.tex", "solutions_C.tex"]


@pytest.fixture
def built(tmp_path, write_spec, sample_spec_text):
    spec = write_spec(sample_spec_text)
    return build(spec, tmp_path / "out", make_pdf=False), spec


def test_writes_every_file_and_a_manifest_with_their_hashes(built):
    result, _ = built
    assert result.files == NAMES + ["manifest.json"]
    manifest = json.loads((result.out / "manifest.json").read_text())
    assert manifest["exam_seed"] == 11 and manifest["versions"] == ["A", "B", "C"]
    assert sorted(manifest["files"]) == NAMES
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((result.out / name).read_bytes()).hexdigest() == digest
    assert not [p for p in result.out.iterdir() if p.name.startswith(".")]  # the staging folder is gone


def test_same_seed_and_bank_give_byte_identical_tex(built, tmp_path):
    result, spec = built
    again = build(spec, tmp_path / "again", make_pdf=False)
    for name in NAMES:
        assert (result.out / name).read_bytes() == (again.out / name).read_bytes(), name


def test_another_seed_gives_other_numbers(built, tmp_path):
    result, spec = built
    other = build(spec, tmp_path / "other", seed=12, make_pdf=False)
    assert (result.out / "exam_A.tex").read_text() != (other.out / "exam_A.tex").read_text()


def test_exam_copy_has_no_solutions_and_solution_copy_has_keys(built):
    result, _ = built
    key = json.loads((result.out / "key.json").read_text())
    for version in key["versions"]:
        exam = (result.out / f"exam_{version['version']}.tex").read_text()
        solutions = (result.out / f"solutions_{version['version']}.tex").read_text()
        assert "\\printanswers" not in exam and "\\begin{solution}" not in exam
        assert "\\printanswers" in solutions
        for q in version["questions"]:
            assert f"% qbank:question {q['id']} seed={q['seed']}" in exam
            for part in q["parts"]:
                if part["kind"] == "integer":  # keys print through numbers.latex: 146733 -> 146{,}733
                    shown = f"{part['value']:,}".replace(",", "{,}") if abs(part["value"]) >= 10000 else str(part["value"])
                    assert f"${shown}$" in solutions
        assert "Rayleigh scattering" in solutions and "Rayleigh scattering" not in exam


def test_newpage_puts_a_question_on_a_fresh_page(built):
    result, _ = built
    tex = (result.out / "exam_A.tex").read_text()
    assert tex.count("\\clearpage\n% qbank:question examtest/difference") == 1  # the pool's question, 5th


def test_free_text_is_escaped(built):
    result, _ = built
    tex = (result.out / "exam_A.tex").read_text()
    assert r"Sample \& Test\_Exam" in tex and r"100\% of the credit" in tex


def test_combined_file_holds_every_version_in_order(built):
    result, _ = built
    combined = (result.out / "all_versions.tex").read_text()
    starts = [combined.index(f"\\qbankversion{{{letter}}}") for letter in "ABC"]
    assert starts == sorted(starts) and combined.count("\n\\qbankevenpages\n") == 3
    body_a = (result.out / "exam_A.tex").read_text().split("\\begin{document}\n")[1].split("\\end{document}")[0]
    # The same body, after the line that gives each document its page count (none known without PDFs).
    pages_line, body_a = body_a.split("\n", 1)
    assert pages_line == "\\qbankpages{\\numpages}{}" and "\\qbankpages{}{}\n" + body_a in combined


def test_failed_build_leaves_earlier_output_intact(built, write_spec, sample_spec_text):
    result, _ = built
    before = {p.name: p.read_bytes() for p in result.out.iterdir()}
    broken = write_spec(sample_spec_text.replace("examtest/explain", "examtest/nope"), "broken.yaml")
    with pytest.raises(InputError, match="unknown template 'examtest/nope'"):
        build(broken, result.out, make_pdf=False)
    assert {p.name: p.read_bytes() for p in result.out.iterdir()} == before


def test_rebuild_with_fewer_versions_removes_only_its_own_stale_files(built):
    result, spec = built
    (result.out / "notes.txt").write_text("mine")
    build(spec, result.out, versions=2, make_pdf=False, force=True)
    names = {p.name for p in result.out.iterdir()}
    assert "exam_C.tex" not in names and "exam_B.tex" in names and "notes.txt" in names


def test_a_failed_first_build_creates_nothing(tmp_path, write_spec, sample_spec_text):
    broken = write_spec(sample_spec_text.replace("points: 22", "points: 23"))
    with pytest.raises(InputError, match="the exam states 23 points but its questions add up to 22"):
        build(broken, tmp_path / "new", make_pdf=False)
    assert not (tmp_path / "new").exists()


def test_output_path_that_is_a_file_is_bad_input(tmp_path, write_spec, sample_spec_text):
    (tmp_path / "taken").write_text("a file")
    with pytest.raises(InputError, match="taken: cannot write the output there"):
        build(write_spec(sample_spec_text), tmp_path / "taken", make_pdf=False)


def test_a_template_that_fails_is_named_with_its_seed(tmp_path, write_spec, spec_head):
    broken = tmp_path / "broken_templates"
    broken.mkdir()
    (broken / "fails.py").write_text(
        "from qbank import template\n\n"
        "@template('examtest-broken/divides-by-zero', topic='examtest', points=1, question='Q', solution='S')\n"
        "def fails(rng):\n    return {'a': 1}, {'b': 1 // 0}\n")
    spec = write_spec(f"title: T\ntemplates: {broken}\nparts:\n  - title: P\n"
                      "    questions: [examtest-broken/divides-by-zero]\n")
    with pytest.raises(InputError, match=r"template examtest-broken/divides-by-zero \(fails.py:3\) failed on seed \d+: "
                                         r"ZeroDivisionError"):
        build(spec, tmp_path / "out", make_pdf=False)


@pytest.mark.parametrize("count, table", [(3, "\\gradetable[h][questions]"), (12, "\\gradetable[v][questions]"),
                                          (22, "\\multirowgradetable{3}[questions]")])
def test_grade_table_fits_the_cover(tmp_path, write_spec, spec_head, count, table):
    spec = write_spec(spec_head + "  - title: P\n    questions:\n" + "      - examtest/difference\n" * count)
    result = build(spec, tmp_path / "out", versions=1, make_pdf=False)
    assert table in (result.out / "exam_A.tex").read_text()
