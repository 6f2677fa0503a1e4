"""The issue-13 breadth templates asked as choice: every numeric part over many seeds gives four distinct options,
the key among them, and every label prints (no LaTeX specials outside math)."""
from collections import Counter

import pytest

from qbank.distractors import as_choice
from qbank.distractors.choice import NUMERIC
from qbank.distractors.registry import MISTAKES, mistakes_for
from qbank.engine.generate import generate
from qbank.engine.seeds import rng_for
from qbank.engine.template import get

TEMPLATES = ["transformers/param-count", "transformers/flops", "transformers/kv-cache", "transformers/lora",
             "training/memory", "transformers/vit", "generative/vae-kl", "generative/gan-optimal-d",
             "generative/ddpm-forward", "sequences/bpe", "sequences/beam-search", "sequences/top-p",
             "sequences/ctc"]


def parts():
    for template_id in TEMPLATES:
        for part, spec in get(template_id).answers.items():
            if spec.kind in NUMERIC:
                yield template_id, part


@pytest.mark.parametrize("template_id, part", list(parts()))
def test_as_choice_on_every_part(template_id, part):
    tpl, positions = get(template_id), Counter()
    spec = tpl.answers[part]
    assert mistakes_for(template_id, part, len(tpl.answers) == 1), "no modelled mistake"
    for seed in range(30):
        inst = generate(tpl, seed)
        choice = as_choice(inst, rng_for(seed + 500), part=part)
        options = choice.params["choice_options"]
        assert len(set(options)) == 4 and options[choice.answers["answer"]] == f"${spec.latex(inst.answers[part])}$"
        positions[choice.answers["answer"]] += 1
    assert len(positions) >= 3


def test_every_mistake_is_used_somewhere():
    mistakes_for(TEMPLATES[0], "block", only_part=False)  # loads the registry
    for (template_id, part), entries in MISTAKES.items():
        if template_id not in TEMPLATES:
            continue
        for m in entries:
            values = [m.fn(generate(get(template_id), seed).params) for seed in range(10)]
            assert any(v is not None for v in values), (template_id, part, m.label)
            assert not set(m.label) & set("_^\\&%#{}~"), m.label


def test_ctc_mistakes_follow_a_pinned_frame_count():
    # Three frames, target "a": a run of a's with blanks around it, 3 + 2 + 1 = 6 paths; the paths that pad the one
    # label with blanks are a--, -a-, --a (3), and C(3, 1) = 3 ways to choose the label's frame. With the template's
    # 4 frames written in, these read a 4-frame table and indexed past the pinned 3 rows.
    params = generate(get("sequences/ctc"), 0, pins={
        "target": [1], "probs": [[0.2, 0.1, 0.7], [0.6, 0.3, 0.1], [0.7, 0.2, 0.1]]}).params
    labels = {m.label: m.fn(params) for m in mistakes_for("sequences/ctc", "n_alignments", only_part=False)}
    assert labels == {"counted only the paths that pad the labels with blanks": 3,
                      "counted the ways to choose the frames of the labels": 3}
    # p(a) with one a-frame: a-- 0.1 * 0.6 * 0.7, -a- 0.2 * 0.3 * 0.7, --a 0.2 * 0.6 * 0.2
    padded = [m for m in mistakes_for("sequences/ctc", "p_target", only_part=False) if "pad" in m.label]
    assert padded[0].fn(params) == pytest.approx(0.1 * 0.6 * 0.7 + 0.2 * 0.3 * 0.7 + 0.2 * 0.6 * 0.2)
