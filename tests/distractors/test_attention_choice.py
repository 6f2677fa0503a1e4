"""Attention mistakes as choice options: printable labels, every numeric part asked as choice over many seeds,
every mistake offered when there is room, float noise, and an exam spec asking attention questions as choice."""
from collections import Counter

import pytest

from qbank.distractors import as_choice
from qbank.distractors.choice import NUMERIC
from qbank.distractors.pick import MIN_GAP, WHOLE, choose, relative_gap
from qbank.distractors.registry import MISTAKES, mistakes_for
from qbank.engine.generate import generate
from qbank.engine.render import check_renders
from qbank.engine.seeds import rng_for
from qbank.engine.template import get
from qbank.exam.assemble import assemble
from qbank.exam.key import key_data
from qbank.exam.spec import parse


def attention_mistakes():
    mistakes_for("attention/sdpa-steps", "out", only_part=False)  # loads the built-in mistakes
    return {key: entries for key, entries in MISTAKES.items() if key[0].startswith("attention/")}


def test_labels_print_in_latex_and_text():
    # Labels are printed unescaped into the solution: no LaTeX special characters.
    for entries in attention_mistakes().values():
        for m in entries:
            assert not set(m.label) & set("_^\\$&%#{}~"), m.label


def numeric_parts():
    for template_id in sorted({key[0] for key in attention_mistakes()}):
        for part, spec in get(template_id).answers.items():
            if spec.kind in NUMERIC and part != "prediction":  # the prediction is +1 or -1: two options at most
                yield template_id, part


@pytest.mark.parametrize("template_id, part", list(numeric_parts()))
def test_as_choice_on_every_attention_part(template_id, part):
    tpl, positions = get(template_id), Counter()
    spec = tpl.answers[part]
    for seed in range(40):
        inst = generate(tpl, seed)
        choice = as_choice(inst, rng_for(seed + 500), part=part)
        options = choice.params["choice_options"]
        assert len(set(options)) == 4 and options[choice.answers["answer"]] == f"${spec.latex(inst.answers[part])}$"
        positions[choice.answers["answer"]] += 1
        mistaken = [(m.label, m.fn(inst.params)) for m in mistakes_for(template_id, part, len(tpl.answers) == 1)]
        values = [inst.answers[part]] + [v for _, v in choose(inst.answers[part], spec, mistaken, rng_for(seed), 3)]
        for i, first in enumerate(values):  # never equal at the shown precision; apart by MIN_GAP unless whole
            for second in values[i + 1:]:
                assert spec.text(first) != spec.text(second), (seed, values)
                assert spec.kind in WHOLE or relative_gap(first, second) >= MIN_GAP, (seed, values)
    # 40 draws over 4 positions: 10 expected each, a binomial sd of about 2.7
    assert set(positions) == {0, 1, 2, 3} and all(3 <= n <= 19 for n in positions.values()), positions


def test_every_mistake_is_offered_when_there_is_room():
    for (template_id, part), entries in attention_mistakes().items():
        offered = Counter()
        for seed in range(12):
            inst = as_choice(generate(get(template_id), seed), rng_for(seed), n_options=len(entries) + 2, part=part)
            offered.update(label for _, label in inst.params["choice_notes"])
        assert all(offered[m.label] for m in entries), (template_id, part, offered)


def test_a_choice_on_float_noise_renders():
    # grad-q seed 46: dL/dQ has a zero column that the core leaves as 1e-16 noise; it shows, and is, 0
    inst = as_choice(generate(get("attention/grad-q"), 46), rng_for(0), part="dQ")
    check_renders(inst)
    assert len(set(inst.params["choice_options"])) == 4


def test_spec_asks_attention_questions_as_choice(tmp_path):
    path = tmp_path / "exam.yaml"
    path.write_text("title: T\nversions: 8\nparts:\n  - title: Attention\n    questions:\n"
                    "      - {id: attention/causal-mask, as_choice: weights, points: 2}\n"
                    "      - {id: attention/mha-dims, as_choice: params_bias, params: {d_model: 64, n_heads: 8}}\n",
                    encoding="utf-8")
    versions = assemble(parse(path))
    data = key_data(parse(path), versions)
    letters = {0: [], 1: []}
    for version in data["versions"]:
        for index, q in enumerate(version["questions"]):
            assert q["kind"] == "choice" and [p["kind"] for p in q["parts"]] == ["choice"]
            letters[index].append(q["parts"][0]["value"])
    # 8 versions, 4 positions: assembly balances the first question's key letter, every letter twice (the
    # second question's is balanced within each version as well, so only every letter is used)
    assert sorted(letters[0]) == [0, 0, 1, 1, 2, 2, 3, 3] and set(letters[1]) == {0, 1, 2, 3}
    mha = versions[0].questions[1].instance
    # d_model 64: 4 * 64^2 + 4 * 64 = 16640 with biases, 16384 without
    options = mha.params["choice_options"]
    assert options[mha.answers["answer"]] == "$16{,}640$" and "$16{,}384$" in options
    assert "forgot the biases." in mha.render("solution", "text")
