"""Options and arguments the browsing commands share: bad --params files, seeds and topics are one line, exit 2."""
import pytest

from qbank.cli import main

TEMPLATE = "attention/sdpa-steps"


@pytest.mark.parametrize("content, message", [
    (b"[1, 2]", "expected a JSON object of parameter values"),
    (b"{not json", "not a JSON file"),
    (b"\xff\xfe", "not a JSON file"),
])
def test_a_bad_params_file_is_named_in_one_line(runner, tmp_path, content, message):
    path = tmp_path / "pins.json"
    path.write_bytes(content)
    result = runner.invoke(main, ["solve", TEMPLATE, "--params", str(path)])
    assert result.exit_code == 2 and f"pins.json: {message}" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_missing_params_file_is_named(runner, tmp_path):
    result = runner.invoke(main, ["solve", TEMPLATE, "--params", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "absent.json: No such file or directory" in result.output


@pytest.mark.parametrize("command", ["show", "solve"])
def test_a_negative_seed_is_refused(runner, command):
    result = runner.invoke(main, [command, TEMPLATE, "--seed", "-1"])
    assert result.exit_code == 2 and "--seed" in result.output


def test_list_names_the_topics_when_one_is_unknown(runner):
    result = runner.invoke(main, ["list", "--topic", "astrology"])
    assert result.exit_code == 2 and "unknown topic 'astrology'; topics:" in result.output and "rnn" in result.output
