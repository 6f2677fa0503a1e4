"""`qbank exam` and `qbank demo` through click's CliRunner."""
import json

from qbank.cli import main


def test_exam_writes_into_output_named_after_the_bank(runner, tmp_path, write_spec, sample_spec_text, monkeypatch):
    spec = write_spec(sample_spec_text, "midterm.yaml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["exam", str(spec), "--no-pdf", "--versions", "2", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 version(s) (A, B) written to output/midterm/")
    manifest = json.loads((tmp_path / "output" / "midterm" / "manifest.json").read_text())
    assert manifest["versions"] == ["A", "B"] and manifest["exam_seed"] == 5


def test_exam_bad_spec_is_one_line_with_exit_code_2(runner, tmp_path, write_spec, spec_head):
    spec = write_spec(spec_head + "  - title: P\n    points: 3\n    questions: [examtest/difference]\n")
    result = runner.invoke(main, ["exam", str(spec), "--no-pdf", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"qbank: {spec}:5: part 'P' states 3 points but its questions add up to 2\n"
    assert not (tmp_path / "out").exists()


def test_exam_missing_file_is_exit_code_2(runner, tmp_path):
    result = runner.invoke(main, ["exam", str(tmp_path / "none.yaml"), "--no-pdf"])
    assert result.exit_code == 2 and "none.yaml" in result.stderr and "Traceback" not in result.output


def test_demo_without_pdf_writes_three_versions(runner, tmp_path):
    out = tmp_path / "demo"
    result = runner.invoke(main, ["demo", "--no-pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    key = json.loads((out / "key.json").read_text())
    assert [v["version"] for v in key["versions"]] == ["A", "B", "C"]
    assert all(v["points"] == 100 for v in key["versions"])
    assert (out / "exam_C.tex").exists() and (out / "solutions_C.tex").exists() and (out / "all_versions.tex").exists()
