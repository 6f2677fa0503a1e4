"""Attention mistakes: each slip by hand, each registered one against exact sympy, and as choice over many seeds."""
from collections import Counter
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from qbank.core.attention import scaled_dot_product_attention
from qbank.distractors import as_choice
from qbank.distractors.choice import NUMERIC
from qbank.distractors.mistakes.attention import LABELS, slipped
from qbank.distractors.pick import MIN_GAP, WHOLE, choose, relative_gap
from qbank.distractors.registry import MISTAKES, mistakes_for
from qbank.engine.generate import generate
from qbank.engine.render import check_renders
from qbank.engine.seeds import rng_for
from qbank.engine.template import get
from qbank.exam.assemble import assemble
from qbank.exam.key import key_data
from qbank.exam.spec import parse
from qbank.questions import attention_exact as ex

LN2, LN3 = np.log(2), np.log(3)
# d_k = 4, K picks the first two coordinates: Q K^T = [[2 ln 3, 0], [2 ln 2, 2 ln 2]], scaled by 1/2 it is
# ln M with M = [[3, 1], [2, 2]]: the weights are M's rows over their sums, [[3/4, 1/4], [1/2, 1/2]].
Q = np.array([[2 * LN3, 0, 0, 0], [2 * LN2, 2 * LN2, 0, 0]])
K = np.array([[1, 0, 0, 0], [0, 1, 0, 0]])
V = np.array([[4], [0]])  # out = 4 * (first column of the weights) = [[3], [2]]


def wrong(template_id, part, label, params):
    found = [m for m in mistakes_for(template_id, part, only_part=False) if m.label == label]
    assert len(found) == 1, (template_id, part, label)
    return found[0].fn(params)


def attention_mistakes():
    mistakes_for("attention/sdpa-steps", "out", only_part=False)  # loads the built-in mistakes
    return {key: entries for key, entries in MISTAKES.items() if key[0].startswith("attention/")}


def test_scale_argument_as_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 2))
    for scale in (None, 1.0, 0.25):
        out, _ = scaled_dot_product_attention(q, k, v, causal=True, scale=scale)
        expected = torch.nn.functional.scaled_dot_product_attention(
            *(torch.tensor(a) for a in (q, k, v)), is_causal=True, scale=scale)
        np.testing.assert_allclose(out, expected.numpy(), atol=1e-12)


def test_slips_by_hand():
    assert np.allclose(scaled_dot_product_attention(Q, K, V)[1], [[3 / 4, 1 / 4], [1 / 2, 1 / 2]])
    # No scaling: exp(Q K^T) = M^2 = [[9, 1], [4, 4]], rows over their sums
    assert np.allclose(slipped(Q, K, V, "no_scale")["weights"], [[9 / 10, 1 / 10], [1 / 2, 1 / 2]])
    # Divided by d_k = 4: exp(Q K^T / 4) = sqrt(M) = [[sqrt 3, 1], [sqrt 2, sqrt 2]]
    r3 = np.sqrt(3)
    assert np.allclose(slipped(Q, K, V, "by_dk")["weights"], [[r3 / (r3 + 1), 1 / (r3 + 1)], [1 / 2, 1 / 2]])
    # Softmax down the columns: M's columns over their sums, [[3/5, 1/3], [2/5, 2/3]]; out = 4 * [3/5, 2/5]
    steps = slipped(Q, K, V, "wrong_axis")
    assert np.allclose(steps["weights"], [[3 / 5, 1 / 3], [2 / 5, 2 / 3]])
    assert np.allclose(steps["out"], [[12 / 5], [8 / 5]])
    # A^T V = [[3/4, 1/2], [1/4, 1/2]] [4, 0]^T = [[3], [1]] instead of A V = [[3], [2]]
    assert np.allclose(slipped(Q, K, V, "transposed")["out"], [[3], [1]])
    # K K^T / 2 = I / 2: each row is [e^(1/2), 1] or [1, e^(1/2)] over their sum, i.e. sigmoid(+-1/2)
    s = 1 / (1 + np.exp(-0.5))
    assert np.allclose(slipped(Q, K, V, "k_for_q")["weights"], [[s, 1 - s], [1 - s, s]])
    # Causal: row 0 sees key 0 only; without the mask row 0 is [3/4, 1/4] again
    assert np.allclose(slipped(Q, K, V, "no_scale", causal=True)["weights"], [[1, 0], [1 / 2, 1 / 2]])
    assert np.allclose(slipped(Q, K, V, "no_mask", causal=True)["weights"], [[3 / 4, 1 / 4], [1 / 2, 1 / 2]])
    # Down the columns under the mask: column 0 has ln 3, ln 2 -> 3/5, 2/5; column 1 only row 1 -> 1
    assert np.allclose(slipped(Q, K, V, "wrong_axis", causal=True)["weights"], [[3 / 5, 0], [2 / 5, 1]])


def test_slips_that_do_not_apply():
    one = np.array([[1.0], [2.0]])  # d_k = 1: 1/sqrt(d_k) = 1/d_k = 1, nothing to forget
    assert slipped(one, one, V, "no_scale") is None and slipped(one, one, V, "by_dk") is None
    assert slipped(Q, K, V, "no_mask") is None  # no mask to forget
    three = np.vstack([Q, Q[:1]])  # 3 queries, 2 keys: K K^T and A^T V have other shapes
    assert slipped(three, K, V, "k_for_q") is None and slipped(three, K, V, "transposed") is None
    with pytest.raises(ValueError, match="unknown attention slip 'nope'"):
        slipped(Q, K, V, "nope")


def test_registered_sdpa_parts_by_hand():
    params = {"Q": Q, "K": K, "V": V}
    assert np.allclose(wrong("attention/sdpa-steps", "out", LABELS["no_scale"], params), [[18 / 5], [2]])  # 4 * 9/10
    assert np.allclose(wrong("attention/sdpa-steps", "scaled", LABELS["no_scale"], params), Q @ K.T)
    scaled = wrong("attention/sdpa-steps", "scores", "gave the scaled scores", params)
    assert np.allclose(scaled, [[LN3, 0], [LN2, LN2]])
    # weights (2, 2) and V (2, 1) for the 2 x 1 output
    assert wrong("attention/sdpa-steps", "shape", "gave the shape of the attention weights", params) == (2, 2)
    assert wrong("attention/sdpa-steps", "shape", "gave one row per key (the shape of V)", params) == (2, 1)
    # causal: rows [1, 0] and [1/2, 1/2] give [[4], [2]]; unmasked [[3], [2]]
    assert np.allclose(wrong("attention/causal-mask", "out", LABELS["no_mask"], params), [[3], [2]])
    # self-attention with W_q = W_k = W_v = I reads X as Q, K and V; W_k = 0 makes the keys zero, so K in
    # place of Q gives zero scores: uniform weights
    eye = np.eye(2)
    sa = {"X": np.array([[1.0, 0], [0, 1]]), "W_q": eye, "W_k": eye, "W_v": eye}
    assert np.allclose(wrong("attention/self-attention", "weights", LABELS["k_for_q"], dict(sa, W_k=0 * eye)), 0.5)


def test_grad_q_mistakes_by_hand():
    # Q = 0: A = [[1/2, 1/2]] * 2; dL/dA = d_out V^T = d_out (V = I) = [[1, 0], [0, 0]]
    p = {"Q": np.zeros((2, 2)), "K": np.eye(2), "V": np.eye(2), "d_out": np.array([[1, 0], [0, 0]])}
    # Diagonal only: A * dL/dA = [[1/2, 0], [0, 0]] (the truth subtracts row 0's sum 1/2: [[1/4, -1/4], [0, 0]])
    assert np.allclose(wrong("attention/grad-q", "d_scores", "kept only the diagonal of the softmax Jacobian "
                             "(A times dL/dA)", p), [[1 / 2, 0], [0, 0]])
    # dQ = dL/dS K / sqrt 2 with K = I; the slip keeps dL/dS = [[1/4, -1/4], [0, 0]]
    label = "left out the division by the square root of the key dimension in the chain rule"
    assert np.allclose(wrong("attention/grad-q", "dQ", label, p), [[1 / 4, -1 / 4], [0, 0]])


def test_mha_count_mistakes_by_hand():
    p = {"d_model": 8, "n_heads": 2, "T": 5}  # d_k = 4
    # with biases: 4 * 8^2 + 4 * 8 = 288; no biases 256; without W^O and its bias: 3 * 64 + 3 * 8 = 216 (or 192)
    assert wrong("attention/mha-dims", "params_bias", "left out the output projection", p) == 216
    assert wrong("attention/mha-dims", "params_no_bias", "left out the output projection", p) == 192
    assert wrong("attention/mha-dims", "params_bias", "forgot the biases", p) == 256
    assert wrong("attention/mha-dims", "params_no_bias", "counted the biases", p) == 288
    whole = "counted every head as a whole one-head layer of the full model width"
    assert wrong("attention/mha-dims", "params_bias", whole, p) == 576 and wrong(  # 2 * 288
        "attention/mha-dims", "params_no_bias", whole, p) == 512
    full = "gave every head the full model width instead of the model width divided by the number of heads"
    # per head (8, 8) instead of (8, 4); W^O (2 * 8, 8); a head (5, 8); the concatenation (5, 2 * 8)
    assert [wrong("attention/mha-dims", part, full, p) for part in ("W_qkv_i", "W_o", "head", "concat")] == [
        (8, 8), (16, 8), (5, 8), (5, 16)]
    assert wrong("attention/mha-dims", "W_qkv_i", "gave the shape of the projected queries instead of the weight",
                 p) == (5, 4)
    assert wrong("attention/mha-dims", "W_o", "sized the output projection for one head's output only", p) == (4, 8)
    assert wrong("attention/mha-dims", "head", "gave the shape of the attention weights", p) == (5, 5)
    assert wrong("attention/mha-dims", "concat", "gave one head's shape", p) == (5, 4)


def test_exact_mistakes_by_hand():
    # M = [[3, 1], [2, 2]], K swaps the two keys, V = [[4], [0]]
    p = {"M": np.array([[3, 1], [2, 2]]), "K": np.array([[0, 1], [1, 0]]), "V": np.array([[4], [0]])}
    column = wrong("attention/sdpa-exact", "weights", LABELS["wrong_axis"], p)
    assert column.tolist() == [[F(3, 5), F(1, 3)], [F(2, 5), F(2, 3)]]  # columns of M over their sums
    assert wrong("attention/sdpa-exact", "out", LABELS["wrong_axis"], p).tolist() == [[F(12, 5)], [F(8, 5)]]
    # A = [[3/4, 1/4], [1/2, 1/2]]: A^T V = 4 * [3/4, 1/4] = [[3], [1]]
    assert wrong("attention/sdpa-exact", "out", LABELS["transposed"], p).tolist() == [[3], [1]]
    # scores ln(M K) = ln [[1, 3], [2, 2]]: weights [[1/4, 3/4], [1/2, 1/2]], out [[1], [2]]
    no_k = "left out the product with K transposed (took Q itself as the scores)"
    assert wrong("attention/sdpa-exact", "weights", no_k, p).tolist() == [[F(1, 4), F(3, 4)], [F(1, 2), F(1, 2)]]
    assert wrong("attention/sdpa-exact", "out", no_k, p).tolist() == [[1], [2]]


def test_sequence_mistakes_by_hand():
    # E = 0, so the inputs are the positions [0, 0, t]; W reads the third coordinate:
    # Q = K = V = [[0, 0], [1, 0], [2, 0]]
    p = {"E": np.zeros((3, 3)), "W": np.array([[0, 0], [0, 0], [1, 0]]), "w_good": [1, 0], "w_bad": [0, 1]}
    tpl = "attention/prompted-sentiment-transformer"
    # Without positions every score is 0: the last token attends uniformly and z = 0
    assert np.allclose(wrong(tpl, "probs", "forgot the positional embeddings", p), 1 / 3)
    # Unscaled scores of the last token q = [2, 0]: [0, 2, 4]; z = (e^2 + 2 e^4) / (1 + e^2 + e^4) [1, 0]
    e2, e4 = np.exp(2), np.exp(4)
    assert np.allclose(wrong(tpl, "logits", LABELS["no_scale"], p), [(e2 + 2 * e4) / (1 + e2 + e4), 0])
    # Columns under the causal mask: column 0 uniform over 3 rows, column 1 over the scaled scores 1/sqrt 2 and
    # sqrt 2 of rows 1 and 2, column 2 only row 2
    r = np.sqrt(2)
    column_1 = np.exp(r) / (np.exp(r / 2) + np.exp(r))
    assert np.allclose(wrong(tpl, "probs", LABELS["wrong_axis"], p), [1 / 3, column_1, 1])
    # (A^T V) for the last token is A[2, 2] V[2] = 2 e^(2 sqrt 2) / (1 + e^sqrt 2 + e^(2 sqrt 2)) [1, 0]
    a22 = np.exp(2 * r) / (1 + np.exp(r) + np.exp(2 * r))
    assert np.allclose(wrong(tpl, "z", LABELS["transposed"], p), [2 * a22, 0])
    # RNN: x = [1, 0, 0] twice, W_hx x = [1, -1], W_hh = I. ReLU: h1 = [1, 0], h2 = relu([2, -1]) = [2, 0]
    rnn = {"E": np.array([[1, 0, 0], [1, 0, 0]]), "W_hx": np.array([[1, 0, 0], [-1, 0, 0]]), "W_hh": np.eye(2),
           "w_good": [1, 0], "w_bad": [0, 1]}
    tpl = "attention/prompted-sentiment-rnn"
    assert np.allclose(wrong(tpl, "hs", "left out the ReLU", rnn), [[1, -1], [2, -2]])  # h2 = [1, -1] + h1
    assert np.allclose(wrong(tpl, "hs", "left out the recurrent term", rnn), [[1, 0], [1, 0]])
    assert np.allclose(wrong(tpl, "logits", "left out the ReLU", rnn), [2, -2])


def test_permutation_mistakes_are_the_other_parts_answers():
    inst = generate(get("attention/permutation"), 3)
    p, a, perm = inst.params, inst.answers, inst.params["perm"]
    tpl = "attention/permutation"
    unchanged = "took the output as unchanged by the permutation (invariance instead of equivariance)"
    assert np.allclose(wrong(tpl, "out_perm", unchanged, p), a["out"])
    # equivariance: SA(X[perm^-1]) = SA(X)[perm^-1]
    assert np.allclose(wrong(tpl, "out_perm", "permuted the rows of the output of (a) the inverse way", p),
                       a["out"][np.argsort(perm)])
    assert np.allclose(wrong(tpl, "out_pos", "forgot to add the positional encoding", p), a["out"])
    assert np.allclose(wrong(tpl, "out_perm_pos", "forgot to add the positional encoding", p), a["out_perm"])
    # P moved with the tokens: SA(X[perm] + P[perm]) = SA(X + P)[perm]
    moved = "moved the positional encodings along with the tokens (as if equivariance still held)"
    assert np.allclose(wrong(tpl, "out_perm_pos", moved, p), a["out_pos"][perm])


def exact_slip(Q, K, V, slip, causal):
    """(weights, out) of attention with the slip, in exact sympy arithmetic (qbank.questions.attention_exact)."""
    Q, K, V = ex.exact(Q), ex.exact(K), ex.exact(V)
    root = sympy.sqrt(Q.cols)
    args = {"no_scale": (Q * root, K), "by_dk": (Q / root, K), "k_for_q": (K, K)}.get(slip, (Q, K))
    out, weights, scaled = ex.sdpa(*args, V, causal=causal and slip != "no_mask")
    if slip == "transposed":
        out = weights.T * V
    if slip == "wrong_axis":
        columns = [ex.softmax_row(list(scaled.col(j)), [i >= j or not causal for i in range(Q.rows)])
                   for j in range(K.rows)]
        weights = sympy.Matrix(columns).T
        out = weights * V
    return ex.numeric(weights), ex.numeric(out)


def qkv_of(template_id, p):
    if template_id == "attention/self-attention":
        return p["X"] @ p["W_q"], p["X"] @ p["W_k"], p["X"] @ p["W_v"], False
    return p["Q"], p["K"], p["V"], template_id == "attention/causal-mask"


@pytest.mark.parametrize("template_id", ["attention/sdpa-steps", "attention/causal-mask", "attention/self-attention"])
def test_registered_slips_agree_with_exact_sympy(template_id):
    slip_of = {label: slip for slip, label in LABELS.items()}
    for seed in range(4):
        p = generate(get(template_id), seed).params
        for part in ("weights", "out"):
            for m in mistakes_for(template_id, part, only_part=False):
                value = m.fn(p)
                if value is not None:
                    weights, out = exact_slip(*qkv_of(template_id, p)[:3], slip_of[m.label], qkv_of(template_id, p)[3])
                    assert ex.close(value, weights if part == "weights" else out), (seed, part, m.label)


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
