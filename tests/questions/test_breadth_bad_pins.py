"""Pins that do not fit the issue-13 breadth templates stop with one line that names the problem (InputError,
exit 2 in the CLI), never a numpy message or a silently wrong question."""
import numpy as np
import pytest
from click.testing import CliRunner

from qbank.cli import main
from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.errors import InputError

CASES = [
    # a bare string was read letter by letter ("unknown matrix 'W'")
    ("transformers/lora", {"adapted": "W_q"}, "adapted must be a list of matrix names"),
    # 2 points against the drawn 3 or 4 ended in numpy's "operands could not be broadcast"
    ("generative/gan-optimal-d", {"p_data": np.array([0.5, 0.5])}, "must be over the same points"),
    # one noise value for a 2-dimensional x_0 was broadcast into a question with a wrong premise
    ("generative/ddpm-forward", {"x0": np.array([1.0, 0.5]), "eps": np.array([1.0])}, "eps must have the shape"),
    ("sequences/top-p", {"logits": np.array([])}, "the logits must not be empty"),
    # a label past the symbols was an IndexError; frames that do not sum to 1 were accepted
    ("sequences/ctc", {"target": np.array([3])}, "a label must be a symbol index"),
    ("sequences/ctc", {"probs": np.array([[0.5, 0.6, 0.1]] * 4)}, "each frame nonnegative and summing to 1"),
    # "invalid literal for int() with base 10: np.str_('a')" and "list indices must be integers" before
    ("sequences/ctc", {"target": np.array(["a"])}, "a label must be a symbol index .* got 'a'$"),
    ("sequences/ctc", {"target": np.array([1.5])}, "a label must be a symbol index .* got 1.5$"),
    # a 'maybe' or a 2 was taken for yes and drew a question
    ("transformers/param-count", {"tied": "maybe"}, "tied must be true or false; got 'maybe'"),
    ("transformers/param-count", {"bias": 2}, "bias must be true or false; got 2"),
    # "'numpy.int64' object is not iterable"
    ("sequences/bpe", {"words": np.array([1, 2, 3, 4])}, "a word must be text of at least one character; got 1"),
    ("sequences/bpe", {"new_word": 5}, "a word must be text of at least one character; got 5"),
]


@pytest.mark.parametrize("template_id, pins, message", CASES)
def test_a_pin_that_does_not_fit_is_named(template_id, pins, message):
    with pytest.raises(InputError, match=message):
        generate(get(template_id), 0, pins=pins)


def test_ctc_takes_the_frame_count_of_pinned_probabilities():
    # Three frames, target "a": the paths are a--, aa-, aaa, -a-, -aa, --a: 3 + 2 + 1 = 6 (a run of a's, blanks
    # around). The drawn template has 4 frames; the pinned table decides.
    probs = np.array([[0.2, 0.1, 0.7], [0.6, 0.3, 0.1], [0.7, 0.2, 0.1]])
    inst = generate(get("sequences/ctc"), 0, pins={"target": np.array([1]), "probs": probs})
    assert inst.answers["n_alignments"] == 6
    assert "$T = 3$" in inst.render("question")


def test_ctc_solution_counts_a_single_path_in_words():
    # Target "ab" over 2 frames: only the path "ab" collapses to it; greedy reads frame 1's b (0.7) and frame 2's
    # blank (0.6), "b-", whose labelling "b" also has the paths "bb" and "-b": 3 paths.
    probs = np.array([[0.2, 0.1, 0.7], [0.6, 0.1, 0.3]])
    inst = generate(get("sequences/ctc"), 0, pins={"target": np.array([1, 2]), "probs": probs})
    assert inst.answers["n_alignments"] == 1
    solution = inst.render("solution")
    assert "one path, and" in solution and "1$ paths" not in solution and "its $3$ paths" in solution


def test_the_cli_says_one_line_and_exits_2():
    result = CliRunner().invoke(main, ["show", "transformers/lora", "--set", "adapted=W_q"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "adapted must be a list" in result.output


@pytest.mark.parametrize("template_id, name", [("transformers/param-count", "vocab"), ("transformers/flops", "n_layers"),
                                               ("transformers/kv-cache", "batch"), ("transformers/lora", "rank"),
                                               ("transformers/vit", "n_classes")])
def test_a_size_pinned_as_text_is_named_not_a_python_message(template_id, name):
    # int('abc') said "invalid literal for int() with base 10: 'abc'"; the shared check names the argument
    with pytest.raises(InputError, match="must be a positive integer; got 'abc'") as caught:
        generate(get(template_id), 0, pins={name: "abc"})
    assert "invalid literal" not in str(caught.value)


@pytest.mark.parametrize("template_id, name", [("training/memory", "params_billions"),
                                               ("training/memory", "activation_gb"),
                                               ("training/memory", "memory_gb"),
                                               ("transformers/flops", "tokens_billions")])
def test_an_amount_pinned_as_text_is_refused_before_it_is_scaled(template_id, name):
    # 'abc' * 10**9 built a 3 GB string (6 GB for 2 * activation_gb * GB) and took 10-27 s before failing
    with pytest.raises(InputError, match=f"{name} must be a positive number; got 'abc'"):
        generate(get(template_id), 0, pins={name: "abc"})

