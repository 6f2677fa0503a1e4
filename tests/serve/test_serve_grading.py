"""The grading adapter: the engine's reader and policy per part, points scaled to the course's, typos tell nothing.

Keys come from the engine's instance; the wrong answers are the key plus one.
conv/layer-cost is worth 10 in the bank with parts 3 + 3 + 4 (its declared
points); asked for 6 points, the parts are worth 1.8, 1.8 and 2.4.
"""
import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.serve.grading import grade


@pytest.fixture
def layer_cost():
    return generate(get("conv/layer-cost"), 11)


def typed(instance, name):
    part = next(p for p in instance.parts if p.name == name)
    return part.spec.text(part.value)


def test_right_wrong_and_scaled_points(layer_cost):
    assert [p.points for p in layer_cost.parts] == [3, 3, 4]
    answers = {p.name: typed(layer_cost, p.name) for p in layer_cost.parts}
    right = grade(layer_cost, answers, 6)
    assert (right.verdict, right.points, right.max_points) == ("correct", 6, 6)
    assert [p["max_points"] for p in right.parts] == [1.8, 1.8, 2.4]
    answers["macs"] = str(layer_cost.answers["macs"] + 1)
    partial = grade(layer_cost, answers, 6)
    assert (partial.verdict, partial.points) == ("partial", 3.6)
    assert [p["status"] for p in partial.parts] == ["right", "right", "wrong"]
    nothing = grade(layer_cost, {"out_shape": "(1, 1, 1)", "param_count": "0", "macs": "0"}, 6)
    assert (nothing.verdict, nothing.points) == ("wrong", 0)


def test_an_unreadable_part_says_nothing_about_the_others(layer_cost):
    answers = {p.name: typed(layer_cost, p.name) for p in layer_cost.parts}
    answers["macs"] = "lots"
    graded = grade(layer_cost, answers, 6)
    assert (graded.verdict, graded.points) == ("invalid", 0)
    assert [p["status"] for p in graded.parts] == ["unchecked", "unchecked", "unreadable"]
    assert graded.parts[2]["message"] and "lots" in graded.parts[2]["message"]


def test_a_blank_part_makes_the_submission_invalid(layer_cost):
    graded = grade(layer_cost, {"out_shape": typed(layer_cost, "out_shape")}, 6)
    assert graded.verdict == "invalid" and [p["status"] for p in graded.parts] == ["unchecked", "blank", "blank"]


def test_a_matrix_earns_credit_per_entry():
    instance = generate(get("attention/self-attention"), 3)
    key = instance.answers["weights"]
    assert key.shape == (2, 2) and [p.points for p in instance.parts] == [2, 2]  # 4 points, two parts
    one_off = key.copy()
    one_off[0, 0] += 1  # one of four entries wrong: 3/4 of the part's 2 points
    text = str([[round(float(v), 3) for v in row] for row in one_off])
    graded = grade(instance, {"weights": text, "out": typed(instance, "out")}, 4)
    assert graded.verdict == "partial" and graded.points == 2 * 3 / 4 + 2
    assert graded.parts[0]["status"] == "partial" and graded.parts[0]["message"] == "3 of 4 entries right"


def test_a_matrix_is_read_by_the_engine_in_either_form():
    instance = generate(get("attention/self-attention"), 3)
    key = instance.answers["weights"]
    rows = "\n".join(" ".join(f"{v:.3f}" for v in row) for row in key)
    nested = str([[round(float(v), 3) for v in row] for row in key])
    for text in (rows, nested):
        graded = grade(instance, {"weights": text, "out": typed(instance, "out")}, 4)
        assert graded.verdict == "correct", text


def test_free_text_is_pending_for_a_person():
    from qbank.engine.template import all_templates

    item = next(t for t in all_templates() if t.id.startswith("concepts/")
                and all(p.spec.kind == "text" for p in generate(t, 0).parts))
    instance = generate(item, 0)
    graded = grade(instance, {p.name: "my own words" for p in instance.parts}, 4)
    assert (graded.verdict, graded.points) == ("pending", 0) and {p["status"] for p in graded.parts} == {"pending"}
