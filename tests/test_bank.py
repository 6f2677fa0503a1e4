"""The static concept bank: every shipped item loads and renders, options shuffle per seed with the key
following the correct option, answer positions are balanced, and bad bank files are reported by file:line."""
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from qbank.cli import main
from qbank.engine.bank import load_bank_file
from qbank.engine.generate import generate
from qbank.engine.render import check_renders
from qbank.engine.template import REGISTRY, all_templates, get
from qbank.errors import InputError
from qbank.paths import data_dir

BANK_FILES = sorted((data_dir("banks") / "concepts").glob("*.yaml"))


def _expected_items():
    """Each shipped item read by plain yaml.safe_load (independently of the loader): id -> (item, correct text)."""
    out = {}
    for path in BANK_FILES:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            correct = item.get("correct")
            text = item["options"][correct] if isinstance(correct, int) else correct
            out[f"concepts/{item['id']}"] = (item, " ".join(str(text).split()) if text is not None else None)
    return out


EXPECTED = _expected_items()
CHOICE = sorted(i for i, (item, _) in EXPECTED.items() if item["kind"] == "choice")


def test_bank_size_and_topics():
    templates = {t.id: t for t in all_templates() if t.id.startswith("concepts/")}
    assert set(templates) == set(EXPECTED)
    kinds = Counter(t.kind for t in templates.values())
    assert kinds["choice"] >= 24 and kinds["short"] >= 15, kinds
    per_topic = Counter(t.topic for t in templates.values() if t.kind == "choice")
    assert len(per_topic) >= 6 and min(per_topic.values()) >= 4, per_topic


@pytest.mark.parametrize("template_id", sorted(EXPECTED))
def test_item_renders_in_both_modes(template_id):
    for seed in range(3):
        inst = generate(get(template_id), seed)
        check_renders(inst)
        assert inst.points == get(template_id).points
        if get(template_id).kind == "choice":
            latex, text = inst.render("question", "latex"), inst.render("question", "text")
            n = len(inst.params["options"])
            assert latex.count("\\CorrectChoice") == 1 and latex.count("\\choice") == n - 1
            assert f"{chr(ord('A') + inst.answers['answer'])}) {inst.params['options'][inst.answers['answer']]}" in text
            assert inst.render("solution", "text").startswith(f"Answer: {chr(ord('A') + inst.answers['answer'])}.")


@pytest.mark.parametrize("template_id", CHOICE)
def test_shuffle_varies_and_key_follows_the_correct_option(template_id):
    tpl, (_, correct) = get(template_id), EXPECTED[template_id]
    orders = set()
    for seed in range(20):
        inst = generate(tpl, seed)
        tpl.crosscheck(inst.params, inst.answers)
        orders.add(tuple(inst.params["order"]))
        assert " ".join(inst.params["options"][inst.answers["answer"]].split()) == correct
    assert len(orders) > 1


def test_answer_positions_are_balanced():
    """Over 200 seeds per item, each position holds the key 15%-35% of the time (25% expected)."""
    for template_id in CHOICE:
        counts = Counter(generate(get(template_id), seed).answers["answer"] for seed in range(200))
        n = len(EXPECTED[template_id][0]["options"])
        assert len(counts) == n and all(30 <= c <= 70 for c in counts.values()), (template_id, counts)


def test_no_two_items_share_a_question():
    questions = Counter(" ".join(item["question"].split()) for item, _ in EXPECTED.values())
    assert [q for q, c in questions.items() if c > 1] == []


def test_pinned_order_sets_the_key():
    template_id = CHOICE[0]
    item, correct = EXPECTED[template_id]
    n, correct_index = len(item["options"]), [" ".join(str(o).split()) for o in item["options"]].index(correct)
    order = [correct_index] + [i for i in range(n) if i != correct_index][::-1]
    assert generate(get(template_id), 0, pins={"order": order}).answers["answer"] == 0
    with pytest.raises(InputError, match="order must be a permutation"):
        generate(get(template_id), 0, pins={"order": [0] * n})


def test_crosscheck_rejects_a_wrong_key():
    inst = generate(get(CHOICE[0]), 0)
    with pytest.raises(AssertionError):
        get(CHOICE[0]).crosscheck(inst.params, {"answer": (inst.answers["answer"] + 1) % 4})


GOOD = """\
namespace: test
topic: demo
points: 2
items:
  - id: ok
    title: Pick one
    kind: choice
    question: Pick $b$.
    options: [a, b, c]
    correct: b
    explanation: It is $b$.
  - id: short-one
    title: Explain
    kind: short
    question: Explain.
    answer: Because.
    rubric: [reason given]
"""


def test_instructor_file_loads(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    assert load_bank_file(path) == ["test/ok", "test/short-one"]
    assert load_bank_file(path) == ["test/ok", "test/short-one"]  # reloading is harmless
    inst = generate(get("test/ok"), 5)
    assert inst.params["options"][inst.answers["answer"]] == "b" and get("test/ok").points == 2
    assert generate(get("test/short-one"), 0).answers == {"answer": "Because."}


@pytest.mark.parametrize("edit, line, message", [
    (("    kind: short\n", "    kind: essay\n"), 14, "unknown kind 'essay'"),
    (("    question: Explain.\n", ""), 12, "missing the field 'question'"),
    (("    title: Explain\n", ""), 12, "missing the field 'title' (a short human title"),
    (("    rubric: [reason given]\n", ""), 12, "missing the field 'rubric'"),
    (("    correct: b\n", "    correct: 3\n"), 10, "correct: 3 is out of range"),
    (("    correct: b\n", "    correct: d\n"), 10, "'d' is neither an option index nor the text"),
    (("    options: [a, b, c]\n", "    options:\n      - a\n      - b\n      - ' a'\n"), 12, "duplicate option"),
    (("  - id: short-one\n", "  - id: ok\n"), 12, "duplicate id 'ok' (first at line 5)"),
    (("    answer: Because.\n", "    answer: Because.\n    options: [x, y]\n"), 17, "unknown field 'options'"),
    (("    explanation: It is $b$.\n", "    explanation: [It is\n"), 12, ""),  # a YAML syntax error
    (("Pick $b$.", r"Pick \BLOCK{ endraw } $b$."), 8, "may not contain"),  # would end the raw block early
    (("namespace: test", "namespace: a/b"), 1, "namespace 'a/b' may only use"),
])
def test_bad_bank_file_names_file_and_line(tmp_path, edit, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(*edit))
    with pytest.raises(InputError) as info:
        load_bank_file(path)
    assert str(info.value).startswith(f"{path}:{line}: ") and message in str(info.value)
    assert "test/ok" not in REGISTRY  # a failed load registers nothing


def test_every_bad_item_of_a_bank_file_is_reported_in_one_run(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("    correct: b\n", "    correct: 3\n").replace("    kind: short\n", "    kind: essay\n"))
    with pytest.raises(InputError) as info:
        load_bank_file(path)
    assert str(info.value) == (f"{path}:10: correct: 3 is out of range (options are numbered 0 to 2)\n"
                               f"{path}:14: unknown kind 'essay' (expected choice or short)")
    assert "test/ok" not in REGISTRY


def test_bank_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("Explain.", "Expliqu\u00e9.").encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.yaml: not UTF-8 text"):
        load_bank_file(path)


def test_duplicate_id_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    load_bank_file(tmp_path / "a.yaml")
    with pytest.raises(InputError, match=r"b\.yaml:5: duplicate id 'test/ok' \(already defined at .*a\.yaml:5\)"):
        load_bank_file(tmp_path / "b.yaml")


def test_list_shows_the_bank_by_topic(runner):
    result = runner.invoke(main, ["list", "--topic", "rnn"])
    assert result.exit_code == 0
    assert "concepts/lstm-forget-gate" in result.output and "concepts/lstm-update-equations" in result.output


def test_shipped_paths_are_named_from_banks():
    with pytest.raises(InputError, match=r"^banks/concepts/missing\.yaml: "):
        load_bank_file(Path(data_dir("banks")) / "concepts" / "missing.yaml")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
def test_every_item_compiles_with_the_exam_class(tmp_path):
    """All items, question and solution, in one exam-class document with answers printed."""
    body = []
    for template_id in sorted(EXPECTED):
        inst = generate(get(template_id), 0)
        body.append(f"\\question[{inst.points:g}]\n{inst.render('question')}\n"
                    f"\\begin{{solution}}\n{inst.render('solution')}\\end{{solution}}\n")
    (tmp_path / "bank.tex").write_text(
        "\\documentclass{exam}\n\\usepackage{amsmath,amssymb}\n\\printanswers\n\\begin{document}\n"
        "\\begin{questions}\n" + "".join(body) + "\\end{questions}\n\\end{document}\n", encoding="utf-8")
    run = subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "bank.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]


def test_every_shuffled_item_explains_by_content():
    # Options are shown in a drawn order: "the last statement" names another option in most versions.
    from qbank.check.positions import position_words
    from qbank.engine.template import all_templates

    choice = [t for t in all_templates() if t.kind == "choice"]
    assert len(choice) > 30
    assert {t.id: position_words(t.text("solution")) for t in choice if position_words(t.text("solution"))} == {}


def test_position_words():
    from qbank.check.positions import position_words

    assert position_words("so the last statement is false") == ["last statement"]
    assert position_words("The third and fourth options swap the two") == ["third and fourth options"]
    assert position_words("as option B says; the statements above") == ["statements above", "option B"]
    # Parts are not shuffled, the key letter comes from the draw, and "next token" names no option.
    assert position_words(r"part (a); Answer: \VAR{answer|letter}. the next token; option a priori") == []


def test_every_bank_item_has_a_human_title():
    from qbank.engine.template import all_templates

    items = [t for t in all_templates() if t.id.startswith("concepts/")]
    assert len(items) >= 50
    for t in items:
        assert t.title != t.id.split("/")[1] and " " in t.title and t.title[0].isupper(), t.id


def test_list_and_export_show_bank_titles(runner):
    from qbank.cli import main

    listed = runner.invoke(main, ["list", "--topic", "rnn"]).output
    assert "The role of the LSTM forget gate" in listed
