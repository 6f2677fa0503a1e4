"""qbank check measures each degenerate kind per template (table and JSON), and `allow=` silences one with a reason."""
import json

UNIFORM = '''
    from qbank import Vector

    @template("{id}", topic="demo", question=r"Softmax of $(\\VAR{{a}}, \\VAR{{b}})$.", crosscheck=lambda p, a: None,
              answers={{"weights": Vector(digits=3)}}{allow})
    def soft(rng):
        a, b = int(rng.integers(0, 2)), int(rng.integers(0, 2))
        e = np.exp([a, b])
        return {{"a": a, "b": b}}, {{"weights": e / e.sum()}}
    '''


def test_uniform_rows_are_measured_and_warned(plant, check):
    # a == b in half the draws (00 or 11 of the four pairs): softmax(a, a) = (1/2, 1/2).
    directory = plant(UNIFORM.format(id="kinds/soft", allow=""))
    result = check(directory, draws=40)
    assert result.exit_code == 0, result.output
    assert "WARN kinds/soft [degenerate: uniform-row] a softmax row with all weights equal" in result.output
    report = json.loads(check(directory, "--json", draws=40).output)
    (only,) = report["templates"]
    assert 0.25 < only["degenerate_rate"]["uniform-row"] < 0.75
    assert only["degenerate"]["uniform-row"] == round(only["degenerate_rate"]["uniform-row"] * 40)


def test_allowed_kind_is_reported_without_a_warning(plant, check):
    allow = ', allow={"uniform-row": "the question is about equal scores"}'
    directory = plant(UNIFORM.format(id="kinds/allowed", allow=allow))
    result = check(directory, draws=40)
    assert result.exit_code == 0 and "WARN" not in result.output, result.output
    assert "(allowed)" in result.output


def test_unknown_allowed_kind_is_one_line(plant, runner):
    from qbank.cli import main

    directory = plant(UNIFORM.format(id="kinds/typo", allow=', allow={"uniform-rows": "typo"}'))
    result = runner.invoke(main, ["check", "--templates", str(directory), "--draws", "2"])
    assert result.exit_code == 2
    assert "allow= names unknown degenerate kinds uniform-rows" in result.output
