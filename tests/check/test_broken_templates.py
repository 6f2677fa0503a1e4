"""Each kind of broken template is caught, named, exits 1 and prints the command that reproduces it."""
import re
import shlex

from click.testing import CliRunner

from qbank.cli import main


def assert_caught(result, kind, template_id):
    """The failure is named, and its reproduce command (`qbank check --id ID --seed N --templates DIR`), run
    again, fails the same way on that one seed; returns the seed."""
    assert result.exit_code == 1, result.output
    assert f"FAIL {template_id} [{kind}]" in result.output, result.output
    match = re.search(rf"reproduce: (qbank check --id {re.escape(template_id)} --seed (\d+) .*)", result.output)
    assert match, result.output
    again = CliRunner().invoke(main, shlex.split(match.group(1))[1:])
    assert again.exit_code == 1 and f"FAIL {template_id} [{kind}]" in again.output, again.output
    assert f"1 of 1 draws, seeds {match.group(2)}" in again.output or "stopped" in again.output, again.output
    return int(match.group(2))


def test_infinite_answer_on_some_seeds(plant, check):
    directory = plant('''
        @template("planted/inf", topic="demo", question=r"$\\VAR{a} / (\\VAR{b} - 3)$",
                  crosscheck=lambda p, a: None)
        def inf(rng):
            a, b = int(rng.integers(1, 5)), int(rng.integers(1, 5))
            return {"a": a, "b": b}, {"q": float("inf") if b == 3 else a / (b - 3)}
        ''')
    result = check(directory)
    seed = assert_caught(result, "non-finite", "planted/inf")
    assert "answer 'q' is not finite" in result.output
    import numpy as np

    rng = np.random.default_rng(seed)  # the reported seed really draws b = 3
    rng.integers(1, 5)
    assert int(rng.integers(1, 5)) == 3


def test_undefined_latex_variable(plant, check):
    directory = plant('''
        @template("planted/undefined", topic="demo", question=r"Compute $\\VAR{a} + \\VAR{c}$.",
                  crosscheck=lambda p, a: None)
        def undefined(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"total": a + 1}
        ''')
    result = check(directory)
    assert_caught(result, "render", "planted/undefined")
    assert "'c' is undefined" in result.output


def test_impossible_constraint_stops_early(plant, check):
    directory = plant('''
        @template("planted/impossible", topic="demo", question=r"$\\VAR{a}$",
                  constraints={"a is negative": lambda p, a: p["a"] < 0}, crosscheck=lambda p, a: None)
        def impossible(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"double": 2 * a}
        ''')
    result = check(directory)
    assert_caught(result, "constraint", "planted/impossible")
    assert "constraint 'a is negative' never held" in result.output
    assert "[stopped]" in result.output


def test_global_numpy_random_state(plant, check):
    directory = plant('''
        @template("planted/global-np", topic="demo", question=r"$\\VAR{a}$", crosscheck=lambda p, a: None)
        def global_np(rng):
            a = int(np.random.randint(1, 10))
            return {"a": a}, {"double": 2 * a}
        ''')
    result = check(directory)
    assert_caught(result, "global-random", "planted/global-np")
    assert "np.random" in result.output


def test_global_random_module_even_when_the_value_is_discarded(plant, check):
    directory = plant('''
        import random

        @template("planted/global-py", topic="demo", question=r"$\\VAR{a}$", crosscheck=lambda p, a: None)
        def global_py(rng):
            random.random()
            a = int(rng.integers(1, 10))
            return {"a": a}, {"double": 2 * a}
        ''')
    result = check(directory)
    assert_caught(result, "global-random", "planted/global-py")


def test_jinja_random_filter_in_the_text(plant, check):
    directory = plant('''
        @template("planted/jinja-random", topic="demo", question=r"Pick \\VAR{[1, 2, 3] | random}.",
                  crosscheck=lambda p, a: None)
        def jinja_random(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"double": 2 * a}
        ''')
    result = check(directory)
    assert_caught(result, "global-random", "planted/jinja-random")
    assert "question text" in result.output


def test_distractor_equal_to_the_answer(plant, check):
    directory = plant('''
        @template("planted/duplicate", topic="demo", kind="choice", question=r"Which is $\\VAR{a}+1$?",
                  answers={"choice": Choice()})
        def duplicate(rng):
            a = int(rng.integers(1, 10))
            options = [a + 1, a + 2, a + 1 if a == 4 else a + 3]
            order = rng.permutation(3)
            return {"a": a, "options": [options[i] for i in order]}, {"choice": int(np.argmin(order))}
        ''')
    result = check(directory)
    assert_caught(result, "duplicate-answer", "planted/duplicate")
    assert "two correct choices" in result.output


def test_crosscheck_that_disagrees(plant, check):
    directory = plant('''
        def product_check(params, answers):
            assert answers["total"] == params["a"] * params["b"], "total is not a*b"

        @template("planted/disagree", topic="demo", question=r"$\\VAR{a} + \\VAR{b}$", crosscheck=product_check)
        def disagree(rng):
            a, b = int(rng.integers(1, 10)), int(rng.integers(1, 10))
            return {"a": a, "b": b}, {"total": a + b}
        ''')
    result = check(directory)
    assert_caught(result, "crosscheck", "planted/disagree")
    assert "total is not a*b" in result.output


def test_nondeterministic_template(plant, check):
    directory = plant('''
        import itertools

        _calls = itertools.count()

        @template("planted/counter", topic="demo", question=r"$\\VAR{a}$", crosscheck=lambda p, a: None)
        def counter(rng):
            a = int(rng.integers(1, 10)) + next(_calls) % 2
            return {"a": a}, {"double": 2 * a}
        ''')
    result = check(directory)
    assert_caught(result, "nondeterministic", "planted/counter")
    assert "params 'a' was" in result.output


def test_hang_is_interrupted(plant, check):
    directory = plant('''
        @template("planted/hang", topic="demo", question=r"$\\VAR{a}$", crosscheck=lambda p, a: None)
        def hang(rng):
            a = int(rng.integers(1, 10))
            while a == 5:
                pass
            return {"a": a}, {"double": 2 * a}
        ''')
    result = check(directory, "--time-limit", "0.2")
    assert_caught(result, "timeout", "planted/hang")


def test_key_the_grader_rejects(plant, check):
    directory = plant('''
        @template("planted/tight", topic="demo", question=r"$\\VAR{a} / 3$", crosscheck=lambda p, a: None,
                  answers={"third": Real(digits=1, abs_tol=1e-9, rel_tol=0)})
        def tight(rng):
            a = int(rng.integers(1, 10))
            return {"a": a}, {"third": a / 3}
        ''')
    result = check(directory)
    assert_caught(result, "key-roundtrip", "planted/tight")


def test_choice_question_without_options(plant, check):
    directory = plant('''
        @template("planted/no-options", topic="demo", kind="choice", question=r"Which is $\\VAR{a}$?",
                  answers={"choice": Choice()})
        def no_options(rng):
            a = int(rng.integers(1, 50))
            return {"a": a, "options": []}, {"choice": 0}
        ''')
    result = check(directory)
    assert_caught(result, "choice", "planted/no-options")
    assert "is not the index of one of the 0 options" in result.output
