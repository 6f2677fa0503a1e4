"""`qbank export`: the three formats through the command line, same seed same bytes, bad input exit 2."""
from qbank.cli import main


def test_each_format_writes_one_file(runner, lms_spec, tmp_path):
    for fmt, name in (("moodle", "lms-test.moodle.xml"), ("qti", "lms-test.qti.zip"), ("gift", "lms-test.gift.txt")):
        result = runner.invoke(main, ["export", str(lms_spec), "--format", fmt, "--out", str(tmp_path / "out"),
                                      "--versions", "2", "--seed", "9"])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out" / name).is_file() and result.output.strip().endswith(name)


def test_same_seed_same_bytes(runner, lms_spec, tmp_path):
    outputs = []
    for run in ("a", "b"):
        result = runner.invoke(main, ["export", str(lms_spec), "--format", "qti", "--out", str(tmp_path / run)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / run / "lms-test.qti.zip").read_bytes())
    assert outputs[0] == outputs[1]


def test_bad_input_exits_2(runner, tmp_path):
    missing = runner.invoke(main, ["export", str(tmp_path / "nope.yaml"), "--format", "gift"])
    assert missing.exit_code == 2 and "nope.yaml" in missing.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nparts:\n  - title: P\n    questions: [no/such-template]\n")
    result = runner.invoke(main, ["export", str(bad), "--format", "moodle", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no/such-template" in result.output
    wrong = runner.invoke(main, ["export", str(bad), "--format", "pdf"])
    assert wrong.exit_code == 2


def test_an_output_folder_under_a_file_is_bad_input(runner, lms_spec, tmp_path):
    (tmp_path / "taken").write_text("a file")
    out = tmp_path / "taken" / "sub"
    result = runner.invoke(main, ["export", str(lms_spec), "--format", "gift", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"qbank: {out}: cannot write the export there (Not a directory)\n"
