"""Instructor safety: a build never silently replaces a different one, --versions has a stated bound,
and a long build shows progress on a terminal (and only there)."""
import json
import sys

import pytest

from qbank.cli import main


def build_cli(runner, spec, out, *extra):
    return runner.invoke(main, ["exam", str(spec), "--no-pdf", "--out", str(out), *extra])


def test_rebuilding_the_same_exam_is_allowed(runner, tmp_path, write_spec, sample_spec_text):
    spec, out = write_spec(sample_spec_text), tmp_path / "out"
    assert build_cli(runner, spec, out).exit_code == 0
    assert build_cli(runner, spec, out).exit_code == 0


def test_another_seed_into_the_same_folder_is_refused_unless_forced(runner, tmp_path, write_spec, sample_spec_text):
    spec, out = write_spec(sample_spec_text, "midterm.yaml"), tmp_path / "out"
    assert build_cli(runner, spec, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    refused = build_cli(runner, spec, out, "--seed", "12")
    assert refused.exit_code == 2
    assert refused.stderr == (f"qbank: {out} holds another build (spec midterm.yaml, seed 11, versions A-C; this one: "
                              "spec midterm.yaml, seed 12, versions A-C): exams printed from it would be graded with "
                              "the new key; use another --out, or --force to replace it\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert build_cli(runner, spec, out, "--versions", "2").exit_code == 2  # fewer versions: another build too
    forced = build_cli(runner, spec, out, "--seed", "12", "--force")
    assert forced.exit_code == 0 and json.loads((out / "manifest.json").read_text())["exam_seed"] == 12


def test_an_edited_spec_is_another_build(runner, tmp_path, write_spec, sample_spec_text):
    spec, out = write_spec(sample_spec_text, "midterm.yaml"), tmp_path / "out"
    assert build_cli(runner, spec, out).exit_code == 0
    write_spec(sample_spec_text.replace("Write clearly", "Write legibly"), "midterm.yaml")
    refused = build_cli(runner, spec, out)
    assert refused.exit_code == 2 and refused.stderr.startswith(
        f"qbank: {out} holds a build of an earlier text of midterm.yaml (spec midterm.yaml, seed 11, versions A-C): ")


def test_versions_have_a_stated_bound(runner, tmp_path, write_spec, sample_spec_text):
    spec = write_spec(sample_spec_text)
    result = build_cli(runner, spec, tmp_path / "out", "--versions", "703")
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert result.stderr == ("qbank: --versions should be at most 702, got 703: version labels run A to ZZ, and "
                             "each version is a printed exam (a class needs one per student at most)\n")
    in_spec = write_spec(sample_spec_text.replace("versions: 3", "versions: 1000000"), "huge.yaml")
    result = build_cli(runner, in_spec, tmp_path / "out")
    assert result.exit_code == 2 and result.stderr.startswith(
        f"qbank: {in_spec}:8: 'versions' should be at most 702, got 1000000: version labels run A to ZZ")


def test_a_terminal_sees_progress_bars_and_a_pipe_does_not(runner, tmp_path, write_spec, sample_spec_text):
    pexpect = pytest.importorskip("pexpect")
    spec = write_spec(sample_spec_text)
    terminal = pexpect.spawn(sys.executable, ["-m", "qbank", "exam", str(spec), "--no-pdf", "--versions", "30",
                                              "--out", str(tmp_path / "tty")], encoding="utf-8", timeout=120)
    terminal.expect(r"qbank: drawing versions")
    terminal.expect(r"100%")
    terminal.expect("30 version")
    terminal.expect(pexpect.EOF)
    piped = build_cli(runner, spec, tmp_path / "pipe", "--versions", "30")
    assert piped.exit_code == 0 and "drawing versions" not in piped.output + piped.stderr
