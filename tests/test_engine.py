"""The template engine: registry, pinning, constraints, seeds, rendering, answer types.

Templates a test registers vanish after it (tests/conftest.py restores the registry).
"""
import json
from fractions import Fraction

import numpy as np
import pytest

from qbank import Integer, Matrix, Real, Shape, Vector
from qbank.cli import main
from qbank.engine import numbers
from qbank.engine.answers import Choice, Exact, Expression
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.loader import load_directory
from qbank.engine.render import render_string
from qbank.engine.scoring import PARTIAL, RIGHT, UNREADABLE, WRONG, score
from qbank.engine.seeds import derive_seed
from qbank.engine.template import REGISTRY, get, template
from qbank.errors import InputError


def test_minimal_form_from_a_directory(examples_dir):
    assert "demo/add" in load_directory(examples_dir) or "demo/add" in REGISTRY
    inst = generate(get("demo/add"), seed=3)
    assert inst.answers["total"] == inst.params["a"] + inst.params["b"]
    assert inst.render("question") == rf"Compute ${inst.params['a']} + {inst.params['b']}$."


def test_pinning_keeps_other_draws(examples_dir):
    load_directory(examples_dir)
    free = generate(get("demo/add"), seed=5)
    pinned = generate(get("demo/add"), seed=5, pins={"a": 100})
    assert pinned.params == {"a": 100, "b": free.params["b"]}
    assert pinned.answers["total"] == 100 + free.params["b"]


def test_pinning_an_unknown_parameter_is_bad_input(examples_dir):
    load_directory(examples_dir)
    with pytest.raises(InputError, match=r"^template demo/add: 'c' is not one of its parameters \(a, b\)$"):
        generate(get("demo/add"), seed=0, pins={"c": 1})


def test_pinning_a_derived_parameter_says_why_it_cannot_work():
    # `values` is returned after a shift, so a pinned `values` is overwritten: the message must not list it as known.
    @template("test/derived", topic="test", question="q")
    def derived(rng):
        shift = int(rng.integers(1, 5))
        values = rng.integers(0, 9, size=3)
        return {"shift": shift, "values": values - shift}, {"top": int(values.max())}

    with pytest.raises(InputError) as info:
        generate(derived, seed=0, pins={"values": [1, 2, 3]})
    message = str(info.value)
    assert message.startswith("template test/derived: parameter 'values' cannot be pinned: the draw function")
    assert "known parameters" not in message


def test_constraint_that_never_holds_is_named():
    @template("test/impossible", topic="test", question="x", constraints={"x is odd and even": lambda p, a: False})
    def impossible(rng):
        x = int(rng.integers(0, 9))
        return {"x": x}, {"y": x}

    with pytest.raises(ConstraintError, match="x is odd and even"):
        generate(impossible, seed=0)


def test_work_given_as_a_function_is_computed_for_the_kept_draw_only():
    # x is drawn from 0..8 and must be 7: every other draw is redrawn, and its work function never called.
    calls = []

    def worked(x):
        calls.append(x)
        return {"double": 2 * x}

    @template("test/lazy-work", topic="test", question="q", constraints={"x is 7": lambda p, a: p["x"] == 7})
    def lazy(rng):
        x = int(rng.integers(0, 9))
        return {"x": x}, {"y": x}, lambda: worked(x)

    inst = generate(lazy, seed=0)
    assert inst.work == {"double": 14} and calls == [7]


@pytest.mark.parametrize("work", [lambda: [1], lambda: {1: 2}, lambda: {"seed": 1}])
def test_a_work_function_must_return_a_dict_of_unreserved_names(work):
    @template("test/lazy-work-shape", topic="test", question="q")
    def odd(rng):
        return {"a": 1}, {"b": 1}, work

    with pytest.raises(ValueError, match="test/lazy-work-shape"):
        generate(odd, seed=0)


def test_duplicate_id_from_another_function_is_an_error():
    @template("test/dup", topic="test", question="q")
    def first(rng):
        return {}, {"a": 1}

    with pytest.raises(InputError, match="duplicate template id 'test/dup'"):
        @template("test/dup", topic="test", question="q")
        def second(rng):
            return {}, {"a": 2}


def test_unknown_id_suggests_close_ones(examples_dir):
    load_directory(examples_dir)
    with pytest.raises(InputError, match="did you mean demo/add"):
        get("demo/ad")


def test_seeds_are_stable_and_independent_per_question():
    assert derive_seed(7, 0, "conv/shape") == derive_seed(7, 0, "conv/shape")
    assert derive_seed(7, 0, "conv/shape") != derive_seed(7, 1, "conv/shape")
    assert 0 <= derive_seed("x") < 2**63


def test_render_is_strict_and_formats_numbers():
    ctx = {"x": 0.5, "m": np.array([[1, 2], [3, 4]]), "f": Fraction(-2, 3)}
    assert render_string(r"\VAR{x}, \VAR{m|bmatrix}, \VAR{f}", ctx) == \
        r"0.5, \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}, -\frac{2}{3}"
    assert render_string(r"\VAR{m|bmatrix}, \VAR{f}", ctx, mode="text") == "[[1, 2], [3, 4]], -2/3"
    with pytest.raises(InputError, match="undefined"):
        render_string(r"\VAR{nope}", {}, where="t")


@pytest.mark.parametrize("text, reason", [
    ("1/2/3", "single fraction"),  # (1/2)/3 = 1/6 or 1/(2/3) = 3/2: a guess either way
    ("1/0", "divides by zero"),
    ("1e99999999", "at most 3 digits"),  # Fraction would build a 10^8-digit integer and hang `qbank grade`
])
def test_key_numbers_refuse_with_a_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        numbers.fraction(text)


@pytest.mark.parametrize("spec, key, right, wrong", [
    (Integer(), 56, "56", "55"),
    (Real(digits=3), 0.4637, "0.464", "0.47"),
    (Vector(digits=2), np.array([1.5, 3.5]), "[1.5, 3.5]", "[3.5, 1.5]"),
    (Matrix(digits=3), np.array([[2 / 3, 1 / 3], [0.6, 0.4]]), "[[0.667, 0.333], [0.6, 0.4]]", "[[0.6, 0.4], [0.667, 0.333]]"),
    (Shape(), (8, 30, 30), "(8, 30, 30)", "(8, 30)"),
    (Exact(), Fraction(2, 3), "4/6", "0.667"),
    (Choice(), 2, "C", "B"),
    (Expression(symbols=("x",)), "2*x + 3*x", "5x", "6x"),
])
def test_answer_types_grade(spec, key, right, wrong):
    key = spec.normalize(key)
    assert score(spec, right, key, 1).state == RIGHT
    assert score(spec, wrong, key, 1).state in (WRONG, PARTIAL)
    assert score(spec, "((", key, 1).state == UNREADABLE
    json.dumps(spec.to_json(key))


def test_cli_every_command_has_help(runner):
    for name, command in main.commands.items():
        assert command.help and command.help.strip(), name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name


def test_cli_solve_round_trips_through_json(runner, examples_dir):
    result = runner.invoke(main, ["solve", "demo/add", "--templates", str(examples_dir), "--seed", "4",
                                  "--set", "a=2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["params"]["a"] == 2 and data["answers"]["total"] == 2 + data["params"]["b"]


def test_cli_bad_input_is_one_line_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["show", "no/such-template"])
    assert result.exit_code == 2
    assert "unknown template" in result.output and "Traceback" not in result.output
    bad = tmp_path / "broken.py"
    bad.write_text("x = 1\ny = undefined_name\n")
    result = runner.invoke(main, ["list", "--templates", str(tmp_path)])
    assert result.exit_code == 2 and "broken.py:2" in result.output


def test_pinned_value_the_core_rejects_is_bad_input(runner):
    four_channels = "[[[1, 2], [3, 4], [5, 6], [7, 8]]]"  # groups=3 cannot split 4 channels
    result = runner.invoke(main, ["solve", "norm/group-norm", "--set", f"x={four_channels}", "--set", "groups=3"])
    assert result.exit_code == 2, result.output
    assert "pinned parameters do not fit" in result.output


@pytest.mark.parametrize("template_id, pin", [("rnn/param-count", "cell=gruu"),
                                              ("optim/momentum-equations", "extra=x3")])
def test_pinned_choice_the_template_does_not_know_is_bad_input(runner, template_id, pin):
    # The template looks the value up in its table of choices (cells, loss terms): a KeyError, reported in one line.
    result = runner.invoke(main, ["solve", template_id, "--set", pin])
    assert result.exit_code == 2, result.output
    assert f"{pin.split('=')[1]!r} is not one of the values" in result.output and "Traceback" not in result.output


def test_reserved_names_are_refused():
    @template("test/reserved", topic="test", question="q")
    def reserved(rng):
        return {"seed": 1}, {"a": 1}

    with pytest.raises(ValueError, match="seed is reserved"):
        generate(reserved, seed=0)


def test_instructor_template_that_breaks_the_contract_is_one_line_exit_2(runner, tmp_path):
    (tmp_path / "mine.py").write_text(
        'from qbank import Real, template\n\n\n'
        '@template("mine/bad", topic="demo", question="q", answers={"s": Real()})\n'
        'def bad(rng):\n    return {"a": 1}, {"s": "abc"}\n')
    result = runner.invoke(main, ["solve", "mine/bad", "--templates", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "answer 's' is not a valid real" in result.output and "Traceback" not in result.output


def test_real_tolerance_includes_its_bound():
    # key 0.124 shown to 3 decimals: anything within half a unit (0.0005) is accepted, 0.1235 included,
    # although 0.124 - 0.1235 is 0.000500000000000001 in binary floating point.
    assert score(Real(digits=3, rel_tol=0), "0.1235", 0.124, 1).state == RIGHT
    assert score(Real(digits=3, rel_tol=0), "0.1234", 0.124, 1).state == WRONG
    assert score(Vector(digits=3, rel_tol=0), "[0.1235]", np.array([0.124]), 1).state == RIGHT


def test_a_typed_expression_that_would_hang_or_run_code_is_refused_not_evaluated():
    spec = Expression(symbols=("x",))
    key = spec.normalize("2*x")
    tower = score(spec, "9^(99^99)", key, 1)  # a tower sympy would try to build: refused before parsing
    assert tower.state == UNREADABLE and "exponent is too large" in tower.message
    assert score(spec, "__import__('os').system('true')", key, 1).state == UNREADABLE
    with pytest.raises(ValueError, match="exponent|digits"):
        spec.parse("9^(99^99)")
    assert score(spec, "x + x", key, 1).state == RIGHT


@pytest.mark.parametrize("returned", [[{"a": 1}, {"b": 1}], ({"a": 1},), ({"a": 1}, [1]), ({1: 1}, {"b": 1})])
def test_a_template_must_return_dicts_of_named_values(returned):
    @template("test/shape-of-return", topic="test", question="q")
    def odd(rng):
        return returned

    with pytest.raises(ValueError, match="test/shape-of-return"):
        generate(odd, seed=0)


def test_templates_dir_also_loads_bank_files(runner, examples_dir):
    result = runner.invoke(main, ["list", "--templates", str(examples_dir), "--topic", "training"])
    assert result.exit_code == 0, result.output
    assert "mycourse/early-stopping" in result.output
    shown = runner.invoke(main, ["show", "mycourse/early-stopping", "--templates", str(examples_dir), "--solution"])
    assert shown.exit_code == 0 and "early stopping" in shown.output.lower()
