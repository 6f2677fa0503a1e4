"""as_choice: the choice instance renders, keys the right option, explains its distractors; exam specs use it."""
import json
import textwrap

import pytest

from qbank.distractors import as_choice
from qbank.engine.generate import generate
from qbank.engine.render import check_renders
from qbank.engine.seeds import rng_for
from qbank.engine.template import get
from qbank.errors import InputError
from qbank.exam.assemble import assemble
from qbank.exam.key import key_data
from qbank.exam.spec import parse

PINNED = {"channels": 3, "size": 32, "filters": 8, "kernel": 3, "stride": 1, "padding": 1}


def test_choice_instance_renders_and_marks_the_key():
    inst = as_choice(generate(get("conv/layer-cost"), 0, PINNED), rng_for(4), part="param_count")
    check_renders(inst)
    assert inst.template.kind == "choice" and [p.spec.kind for p in inst.parts] == ["choice"]
    options = inst.params["choice_options"]
    # 8 filters of 3 * 3 * 3 weights plus 8 biases: 224 parameters
    assert options[inst.answers["answer"]] == "$224$"
    assert "$216$" in options  # forgot the bias: 8 * 27
    latex = inst.render("question")
    assert latex.count("\\CorrectChoice") == 1 and latex.count("\\choice") == 3
    assert "The number of learnable parameters" in latex
    solution = inst.render("solution", "text")
    letter = "ABCD"[options.index("$216$")]
    assert f"Option {letter} is what you get if you forgot the bias." in solution


def test_part_errors_name_the_template():
    inst = generate(get("conv/layer-cost"), 0)
    with pytest.raises(InputError, match="3 numeric parts"):
        as_choice(inst, rng_for(0))
    with pytest.raises(InputError, match="no answer part 'nope'"):
        as_choice(inst, rng_for(0), part="nope")
    with pytest.raises(InputError, match="expression answer"):
        as_choice(generate(get("rnn/param-count"), 0), rng_for(0), part="formula")


def test_only_numeric_part_is_found_without_a_name():
    inst = as_choice(generate(get("rnn/param-count"), 3), rng_for(1))
    assert inst.work["count"] in [int(o.strip("$").replace("{,}", "")) for o in inst.params["choice_options"]]


def write_spec(tmp_path, text):
    path = tmp_path / "exam.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_spec_as_choice_in_an_exam(tmp_path):
    path = write_spec(tmp_path, """\
        title: T
        versions: 8
        parts:
          - title: Choice
            questions:
              - {id: conv/layer-cost, as_choice: param_count, points: 2}
              - {id: rnn/param-count, as_choice: true}
        """)
    versions = assemble(parse(path))
    data = json.loads(json.dumps(key_data(parse(path), versions)))
    letters = []
    for version in data["versions"]:
        for q in version["questions"]:
            assert q["kind"] == "choice" and [p["kind"] for p in q["parts"]] == ["choice"]
        letters.append(version["questions"][0]["parts"][0]["value"])
    # exam assembly balances the key's position: 8 versions, 4 positions, each used twice
    assert sorted(letters) == [0, 0, 1, 1, 2, 2, 3, 3]


def test_spec_rejects_a_bad_as_choice_value(tmp_path):
    path = write_spec(tmp_path, "title: T\nparts:\n  - title: P\n    questions:\n      - {id: rnn/param-count, as_choice: 3}\n")
    with pytest.raises(InputError, match=r"exam.yaml:5: 'as_choice' should be true, false or a part name"):
        parse(path)
