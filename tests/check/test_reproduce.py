"""Reproducing a finding: `qbank check --id ID --seed N`, messages that say what failed, `qbank show` on a
template that raises, and parameters that cannot be pinned."""
import numpy as np

from qbank.cli import main

DIVIDES = '''
    @template("planted/divide", topic="demo", question=r"$\\\\VAR{a} / \\\\VAR{b}$", crosscheck=lambda p, a: None)
    def divide(rng):
        a, b = int(rng.integers(1, 5)), int(rng.integers(0, 3))
        return {"a": a, "b": b}, {"q": a / b}
    '''


def draws_b_zero(seed):
    """The draw of DIVIDES at `seed` has b = 0 (the engine's rng for seed N is default_rng(N))."""
    rng = np.random.default_rng(seed)
    rng.integers(1, 5)
    return int(rng.integers(0, 3)) == 0


def test_show_on_a_division_by_zero_is_one_line(plant, runner):
    directory = plant(DIVIDES)
    seed = next(s for s in range(50) if draws_b_zero(s))
    result = runner.invoke(main, ["show", "planted/divide", "--seed", str(seed), "--templates", str(directory)])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert (f"qbank: template planted/divide (planted.py:4) raised ZeroDivisionError at seed {seed}: division by zero; "
            f"`qbank check --id planted/divide --seed {seed}` runs every check on this draw") in result.output


def test_bare_assert_in_a_crosscheck_names_its_line(plant, check):
    directory = plant('''
        def wrong(params, answers):
            assert answers["total"] == params["a"] - params["b"]

        @template("planted/bare", topic="demo", question=r"$\\\\VAR{a} + \\\\VAR{b}$", crosscheck=wrong)
        def bare(rng):
            a, b = int(rng.integers(1, 5)), int(rng.integers(1, 5))
            return {"a": a, "b": b}, {"total": a + b}
        ''')
    result = check(directory, draws=3)
    assert result.exit_code == 1
    assert ("the crosscheck disagrees with the answers: assertion failed at planted.py:5: "
            "assert answers[\"total\"] == params[\"a\"] - params[\"b\"]") in result.output, result.output


def test_check_one_seed_runs_only_that_draw(plant, check):
    directory = plant(DIVIDES)
    result = check(directory, "--id", "planted/divide", "--seed", "3", "--seed", "3")
    assert "1 templates, 1 draws" in result.output, result.output  # the repeated seed is drawn once


def test_unpinnable_parameter_warns(plant, check):
    directory = plant('''
        @template("planted/shifted", topic="demo", question=r"$\\\\VAR{values}$", crosscheck=lambda p, a: None)
        def shifted(rng):
            shift = int(rng.integers(1, 5))
            values = rng.integers(0, 9, size=3)
            return {"shift": shift, "values": values - shift}, {"top": int(values.max())}
        ''')
    result = check(directory, draws=5)
    assert result.exit_code == 0, result.output
    assert ("WARN planted/shifted [unpinnable] planted.py:4: parameter 'values' cannot be pinned with --set"
            in result.output), result.output
