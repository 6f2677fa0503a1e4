"""Prompted sentiment classification with a tiny language model (seed 001 problem 2, parts 1 and 3).

A review fills the slot [X] of a prompt "[X] <prompt> [Z]"; the model reads <START>,
the review and the prompt, and predicts +1 when it finds "good" at least as likely as
"bad" for the slot [Z]. Part 1 uses a ReLU RNN (qbank.core.rnn.rnn_forward_trace),
part 3 one single-head self-attention layer with W_Q = W_K = W_V and positional
embeddings p_t = [0, 0, t - 1] (qbank.core.attention.self_attention_steps); the
decision is qbank.core.attention_facts.verbalizer_prediction. Embeddings use the
first two coordinates and leave the third to the position, as in the seed.
"""
from __future__ import annotations

import numpy as np

from qbank import Integer, Matrix, Vector, template
from qbank.check.predicates import hidden_zero, prints_differently
from qbank.core.attention import self_attention_steps
from qbank.core.attention_facts import verbalizer_prediction
from qbank.core.rnn import rnn_forward_trace
from qbank.lazy import sympy
from qbank.questions import attention_exact as ex

ADJECTIVES = {"Awful": -5, "Dull": -5, "Boring": -5, "Great": 5, "Superb": 5, "Brilliant": 5}
NOUNS = ["plot", "actors", "music", "script", "dialogue", "ending"]
PROMPTS = ["The movie is", "Overall the film was", "This film is", "In short it was"]
OUTPUT = dict(digits=3, abs_tol=0.005)  # worked from probabilities rounded to 3 decimals


def _draw_text(rng):
    adjective = list(ADJECTIVES)[int(rng.integers(len(ADJECTIVES)))]
    first, second = (NOUNS[int(i)] for i in rng.choice(len(NOUNS), 2, replace=False))
    return f"{adjective} {first} and {second}.", PROMPTS[int(rng.integers(len(PROMPTS)))]


def tokens_of(review, prompt):
    """The words the model reads: <START>, the review, then the prompt; punctuation stays on its word ("actors.")."""
    return ["<START>", *str(review).split(), *str(prompt).split()]


def _draw_embeddings(rng, tokens):
    """Rows for <START> (zeros), the review's adjective (a strong second coordinate) and the other words."""
    rows = [[0, 0, 0]]
    for word in tokens[1:]:
        strong = ADJECTIVES.get(word)
        rows.append([0, strong, 0] if strong else [int(rng.choice([-2, -1, 0, 0, 0, 1, 2])), 0, 0])
    return np.array(rows)


def _decided(params, answers):
    good, bad = answers["logits"]
    return abs(good - bad) >= 0.02


def _spread(params, answers):
    probs = answers["probs"]
    return bool(np.all(probs >= 0.01) and np.max(probs) - np.min(probs) >= 0.03)


def _shown(params, answers):
    """No nonzero key prints as 0, and the logits are not z itself (w_good, w_bad the unit vectors)."""
    hidden = any(hidden_zero(answers[k], 3) for k in ("probs", "z", "logits"))
    return not hidden and prints_differently(answers["z"], answers["logits"], 3)


def _check_transformer(params, answers):
    tokens = tokens_of(params["review"], params["prompt"])
    pos = [[0, 0, t] for t in range(len(tokens))]
    W = params["W"]
    out, weights = ex.self_attention(params["E"], W, W, W, pos=pos, causal=True)
    assert ex.close(answers["probs"], ex.numeric(weights.row(-1))[0])
    z = ex.numeric(out.row(-1))[0]
    assert ex.close(answers["z"], z)
    logits = [float(np.dot(params["w_good"], z)), float(np.dot(params["w_bad"], z))]
    assert ex.close(answers["logits"], logits) and answers["prediction"] == (1 if logits[0] >= logits[1] else -1)


@template("attention/prompted-sentiment-transformer", topic="attention", points=10,
          title="Prompted sentiment with a one-layer transformer",
          question="tex/attention/prompted-transformer.tex.j2", solution="tex/attention/prompted-transformer-solution.tex.j2",
          answers={"probs": Vector(points=3, digits=3, label="attention probabilities of the last token",
                                   prompt="The attention probabilities of the last token over all tokens."),
                   "z": Vector(points=3, label="representation of the last token", **OUTPUT,
                               prompt="The representation of the last token after the self-attention layer."),
                   "logits": Vector(points=2, label="logits (good, bad)", **OUTPUT,
                                    prompt=r"The logits of ``good'' and ``bad''."),
                   "prediction": Integer(points=2, label="prediction", prompt=r"The prediction $\hat{y}$ ($+1$ or $-1$).")},
          constraints={"the logits of good and bad differ visibly": _decided,
                       "the probabilities are readable and not nearly uniform": _spread,
                       "every key shows, the logits differ from z": _shown},
          crosscheck=_check_transformer)
def prompted_transformer(rng):
    """A drawn review and prompt, embeddings E, one W for W_Q = W_K = W_V (3, 2) and the good/bad output rows."""
    review, prompt = _draw_text(rng)
    tokens = tokens_of(review, prompt)
    E = _draw_embeddings(rng, tokens)
    W = rng.choice([-0.2, -0.1, 0.0, 0.0, 0.1, 0.2], size=(3, 2))
    w_good = rng.integers(-2, 3, size=2)
    w_bad = rng.integers(-2, 3, size=2)
    pos = np.array([[0, 0, t] for t in range(len(tokens))])  # p_t = [0, 0, t - 1] for t = 1..T
    steps = self_attention_steps(E, W, W, W, pos=pos, causal=True)
    z = steps["out"][-1]
    logit_good, logit_bad, prediction = verbalizer_prediction(z, w_good, w_bad)
    answers = {"probs": steps["weights"][-1], "z": z, "logits": np.array([logit_good, logit_bad]),
               "prediction": prediction}
    work = {"tokens": tokens, "X": steps["inputs"], "Q": steps["Q"], "d_k": steps["Q"].shape[1],
            "scaled": steps["scaled"][-1]}
    return {"review": review, "prompt": prompt, "E": E, "W": W, "w_good": w_good, "w_bad": w_bad}, answers, work


def _check_rnn(params, answers):
    W_hx, W_hh = sympy.Matrix(params["W_hx"].tolist()), sympy.Matrix(params["W_hh"].tolist())
    h = sympy.zeros(W_hh.rows, 1)
    for t, x in enumerate(params["E"]):
        h = (W_hx * sympy.Matrix(list(x)) + W_hh * h).applyfunc(lambda a: sympy.Max(a, 0))
        assert ex.close(answers["hs"][t], [float(a) for a in h])
    logits = [float(sympy.Matrix([list(params[k])]).dot(h)) for k in ("w_good", "w_bad")]
    assert ex.close(answers["logits"], logits) and answers["prediction"] == (1 if logits[0] >= logits[1] else -1)


@template("attention/prompted-sentiment-rnn", topic="attention", points=10, title="Prompted sentiment with a ReLU RNN",
          question="tex/attention/prompted-rnn.tex.j2", solution="tex/attention/prompted-rnn-solution.tex.j2",
          answers={"hs": Matrix(points=6, digits=3, label="hidden states h_1 ... h_t",
                                prompt=r"The hidden states $\mathbf{h}_1, \dots, \mathbf{h}_{\VAR{tokens|length}}$ "
                                       "(one per row)."),
                   "logits": Vector(points=2, digits=3, label="logits (good, bad)",
                                    prompt=r"The logits of ``good'' and ``bad''."),
                   "prediction": Integer(points=2, label="prediction", prompt=r"The prediction $\hat{y}$ ($+1$ or $-1$).")},
          constraints={"the logits of good and bad differ": _decided}, crosscheck=_check_rnn)
def prompted_rnn(rng):
    """A drawn review and prompt, embeddings E, W_hx (2, 3), W_hh (2, 2) of small integers and the good/bad rows."""
    review, prompt = _draw_text(rng)
    tokens = tokens_of(review, prompt)
    E = _draw_embeddings(rng, tokens)
    W_hx = rng.integers(-1, 2, size=(2, 3))
    W_hh = rng.choice([0, 0, 1], size=(2, 2))
    w_good = rng.integers(-2, 3, size=2)
    w_bad = rng.integers(-2, 3, size=2)
    trace = rnn_forward_trace(E, W_hx, W_hh, activation="relu")
    logit_good, logit_bad, prediction = verbalizer_prediction(trace["h"][-1], w_good, w_bad)
    answers = {"hs": trace["h"], "logits": np.array([logit_good, logit_bad]), "prediction": prediction}
    work = {"tokens": tokens, "input_part": trace["input_part"], "recurrent_part": trace["recurrent_part"]}
    params = {"review": review, "prompt": prompt, "E": E, "W_hx": W_hx, "W_hh": W_hh, "w_good": w_good, "w_bad": w_bad}
    return params, answers, work
