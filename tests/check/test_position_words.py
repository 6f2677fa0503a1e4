"""qbank check fails a shuffled choice item whose explanation names an option by its position."""

BANK = """\
namespace: pos
topic: demo
points: 1
items:
  - id: by-place
    title: Naming by place
    kind: choice
    question: Which is a prime?
    options: ['2', '4', '6']
    correct: 0
    explanation: {explanation}
"""


def test_position_words_fail_the_check(tmp_path, check):
    (tmp_path / "pos.bank.yaml").write_text(BANK.format(explanation="The first option is the only prime."))
    result = check(tmp_path, draws=5)
    assert result.exit_code == 1, result.output
    shown = " ".join(result.output.split())
    assert "FAIL pos/by-place [position-words]" in shown
    assert "pos.bank.yaml:5: the explanation names options by position ('first option')" in shown


def test_explanation_by_content_passes(tmp_path, check):
    (tmp_path / "pos.bank.yaml").write_text(BANK.format(explanation="2 is the only even prime; 4 and 6 are 2 times 2 and 2 times 3."))
    result = check(tmp_path, draws=5)
    assert "position-words" not in result.output, result.output
