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


@pytest.mark.parametrize("template, pin", [
    ("optim/lr-schedule", "peak=1e400"),  # JSON reads 1e400 as inf: a question would print eta_max = inf
    ("norm/batchnorm-backward", "beta=NaN"),
    ("loss/nt-xent", "tau=[0.5, Infinity]"),
])
def test_a_pin_that_is_not_a_finite_number_is_refused(runner, template, pin):
    result = runner.invoke(main, ["show", template, "--set", pin])
    name = pin.split("=")[0]
    assert result.exit_code == 2 and f"pinned parameter '{name}'" in result.output, result.output
    assert "is not a finite number" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_params_file_with_infinity_is_refused(runner, tmp_path):
    path = tmp_path / "pins.json"
    path.write_text('{"peak": Infinity}')
    result = runner.invoke(main, ["solve", "optim/lr-schedule", "--params", str(path)])
    assert result.exit_code == 2 and "pinned parameter 'peak': Infinity is not a finite number" in result.output


def test_a_pin_of_the_wrong_type_says_so_and_shows_the_pins(runner):
    # tau="abc" reaches the core's `tau <= 0` check: Python's TypeError alone would not name the pin
    result = runner.invoke(main, ["show", "loss/nt-xent", "--set", "tau=abc"])
    assert result.exit_code == 2, result.output
    assert "the pinned parameters do not fit: a value of the wrong type (tau='abc')" in result.output


@pytest.mark.parametrize("template, pin, message", [
    ("conv/activation-memory", "batch=true", "batch takes a number, got true"),  # else "a batch of True images"
    ("conv/activation-memory", "count_input=1", "count_input takes true or false, got 1"),  # the template's words
    ("norm/batchnorm-backward", "gamma=false", "gamma takes a number, got false"),
])
def test_a_flag_where_a_number_belongs_and_back_is_refused(runner, template, pin, message):
    result = runner.invoke(main, ["show", template, "--set", pin])
    assert result.exit_code == 2 and result.output.startswith(f"qbank: template {template}: "), result.output
    assert message in result.output and "Traceback" not in result.output
