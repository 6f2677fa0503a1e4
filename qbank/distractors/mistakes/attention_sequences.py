"""Modelled mistakes for attention over token sequences: permuted inputs, positional encodings, prompted sentiment.

Self-attention without positions is permutation equivariant: SA(X[perm]) = SA(X)[perm];
an added encoding P stays with the positions, so SA(X[perm] + P) is in general not
SA(X + P)[perm] (Vaswani et al. 2017, §3.5). The slips: the output taken as unchanged
(invariance instead of equivariance), the inverse permutation, P forgotten, P moved
with the tokens (equivariance assumed to survive). Prompted sentiment (Schick & Schuetze
2021) adds the sdpa slips of qbank.distractors.mistakes.attention on the last token's
row, the positions p_t forgotten, and for the RNN variant the ReLU or the recurrence
left out. Every value is the core rerun with the slip applied.
"""
from __future__ import annotations

import numpy as np

from qbank.core.attention import self_attention, self_attention_steps
from qbank.core.attention_facts import verbalizer_prediction
from qbank.core.rnn import rnn_forward_trace
from qbank.distractors.mistakes.attention import LABELS, register, slipped
from qbank.distractors.registry import mistake

PERMUTATION = "attention/permutation"
TRANSFORMER = "attention/prompted-sentiment-transformer"
RNN = "attention/prompted-sentiment-rnn"
CASES = {"out": (False, False), "out_perm": (True, False), "out_pos": (False, True), "out_perm_pos": (True, True)}


def _case(permuted, with_pos):
    """qkv(params) for one part of the permutation question: (X or X[perm]) (+ P), projected."""
    def qkv(p):
        X = np.asarray(p["X"])[np.asarray(p["perm"])] if permuted else p["X"]  # (T, d)
        steps = self_attention_steps(X, p["W_q"], p["W_k"], p["W_v"], pos=p["P"] if with_pos else None)
        return steps["Q"], steps["K"], steps["V"], False

    return qkv


def _attend(p, X, pos=None):
    return self_attention(X, p["W_q"], p["W_k"], p["W_v"], pos=pos)[0]  # (T, dv)


def _permuted(p, perm=None):
    return np.asarray(p["X"])[np.asarray(p["perm"]) if perm is None else perm]  # (T, d)


@mistake(PERMUTATION, "took the output as unchanged by the permutation (invariance instead of equivariance)",
         part="out_perm")
def _perm_invariant(p):
    return _attend(p, p["X"])


@mistake(PERMUTATION, "permuted the rows of the output of (a) the inverse way", part="out_perm")
def _perm_inverse(p):
    return _attend(p, _permuted(p, np.argsort(p["perm"])))


@mistake(PERMUTATION, "forgot to add the positional encoding", part="out_pos")
def _pos_forgotten(p):
    return _attend(p, p["X"])


@mistake(PERMUTATION, "forgot to add the positional encoding", part="out_perm_pos")
def _perm_pos_forgotten(p):
    return _attend(p, _permuted(p))


@mistake(PERMUTATION, "moved the positional encodings along with the tokens (as if equivariance still held)",
         part="out_perm_pos")
def _pos_moved(p):
    return _attend(p, _permuted(p), pos=np.asarray(p["P"])[np.asarray(p["perm"])])


# After the slips about permutations and positions (registered first, so offered first); d_k = 1 here,
# so the scaling slips never apply.
for _part, _case_of in CASES.items():
    register(PERMUTATION, _part, ("wrong_axis", "k_for_q", "transposed"), _case(*_case_of), entry="out")


def _positions(p):
    """p_t = [0, 0, t - 1] for tokens t = 1..T, the encoding of attention/prompted-sentiment-transformer."""
    return np.array([[0, 0, t] for t in range(len(p["E"]))])  # (T, 3)


def _last_token(p, slip=None, pos=True):
    """(probs, z, logits) of the last token with `slip` applied (or the positions left out); None if n/a."""
    steps = self_attention_steps(p["E"], p["W"], p["W"], p["W"], pos=_positions(p) if pos else None, causal=True)
    if slip is not None:
        steps = slipped(steps["Q"], steps["K"], steps["V"], slip, causal=True)
        if steps is None:
            return None
    z = steps["out"][-1]  # (3,)
    logit_good, logit_bad, _ = verbalizer_prediction(z, p["w_good"], p["w_bad"])
    return {"probs": steps["weights"][-1], "z": z, "logits": np.array([logit_good, logit_bad])}


def _register_last_token(part, label, slip=None, pos=True):
    def wrong(p):
        found = _last_token(p, slip, pos)
        return None if found is None else found[part]

    mistake(TRANSFORMER, label, part=part)(wrong)


# W_q = W_k here, so K in place of Q changes nothing; the last row of a causal mask masks nothing.
for _part in ("probs", "z", "logits"):
    _register_last_token(_part, "forgot the positional embeddings", pos=False)
    for _slip in ("no_scale", "wrong_axis") + (("transposed",) if _part != "probs" else ()) + ("by_dk",):
        _register_last_token(_part, LABELS[_slip], slip=_slip)


def _rnn_states(p, activation="relu", recurrent=True):
    W_hh = np.asarray(p["W_hh"]) if recurrent else np.zeros_like(p["W_hh"])  # (dh, dh)
    return rnn_forward_trace(p["E"], p["W_hx"], W_hh, activation=activation)["h"]  # (T, dh)


def _rnn_logits(hs, p):
    return np.array(verbalizer_prediction(hs[-1], p["w_good"], p["w_bad"])[:2])


for _part, _of in (("hs", lambda hs, p: hs), ("logits", _rnn_logits)):
    mistake(RNN, "left out the ReLU", part=_part)(lambda p, of=_of: of(_rnn_states(p, activation="linear"), p))
    mistake(RNN, "left out the recurrent term", part=_part)(lambda p, of=_of: of(_rnn_states(p, recurrent=False), p))
