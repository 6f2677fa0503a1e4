"""Softmax invariance template (seed 001 MCQ 1): is softmax(a(s, t) v + b(s, t) 1) constant in s, in t?

The coefficients of v and of 1_K are drawn affine forms in s and t. The key is
decided by qbank.core.attention_facts.softmax_affine_constancy (softmax evaluated
at probe points); the cross-check decides it exactly from the softmax Jacobian's null space.
"""
from __future__ import annotations

import numpy as np

from qbank import Choice, template
from qbank.core.attention_facts import softmax_affine_constancy
from qbank.lazy import sympy

# (constant in s, constant in t) -> the option that states it.
STATEMENTS = {
    (True, True): r"$g$ stays the same whatever the values of $s$ and $t$.",
    (False, True): r"$g$ does not depend on $t$, but it does depend on $s$.",
    (True, False): r"$g$ does not depend on $s$, but it does depend on $t$.",
    (False, False): r"$g$ depends on $s$ and it depends on $t$.",
}
NONZERO = [-2, -1, 1, 2, 3]


def linear_form(coef) -> str:
    """LaTeX of c_s s + c_t t + c_0 (`2s - t + 1`, `-s`, `0`)."""
    terms = [(int(c), name) for c, name in zip(coef, ("s", "t", "")) if c != 0]
    text = ""
    for c, name in terms:
        size = str(abs(c)) if (abs(c) != 1 or not name) else ""
        sign = ("-" if c < 0 else "") if not text else (" - " if c < 0 else " + ")
        text += sign + size + name
    return text or "0"


def scaled_term(coef, vector) -> str:
    """`(2s - t)\\mathbf{v}`, `s\\mathbf{v}`, `\\mathbf{v}`, or empty when the coefficient is 0."""
    form = linear_form(coef)
    if form == "0":
        return ""
    if form in ("1", "-1"):
        return form[:-1] + vector
    single = form.lstrip("-").isalnum()
    return (form if single else f"({form})") + r"\," + vector


def _check(params, answers):
    """Exact: the softmax Jacobian diag(g) - g g^T (g > 0) has null space span(1), so g is constant in x
    exactly when every dz_i/dx is the same number (z = a(s, t) v + b(s, t) 1 is affine in s and t)."""
    s, t = sympy.symbols("s t")
    v = (sympy.Rational(1, 3), sympy.Rational(-5, 7), sympy.Integer(2))  # a generic v: distinct entries
    a = sum(int(c) * x for c, x in zip(params["v_coef"], (s, t, 1)))
    b = sum(int(c) * x for c, x in zip(params["ones_coef"], (s, t, 1)))
    constant = tuple(len({sympy.diff(a * vi + b, x) for vi in v}) == 1 for x in (s, t))
    assert params["options"][answers["answer"]] == STATEMENTS[constant]


def _mentions_both(params, answers):
    v_coef, ones_coef = params["v_coef"], params["ones_coef"]
    return all(v_coef[k] != 0 or ones_coef[k] != 0 for k in (0, 1)) and np.any(np.asarray(v_coef) != 0)


@template("attention/softmax-invariance", topic="attention", points=4, kind="choice",
          title="Shift and scale invariance of softmax",
          question="tex/attention/softmax-invariance.tex.j2", solution="tex/attention/softmax-invariance-solution.tex.j2",
          answers={"answer": Choice()}, constraints={"s, t and v all appear": _mentions_both}, crosscheck=_check)
def softmax_invariance(rng):
    """Affine coefficients (of s, t, 1) for the factor on v and the shift on 1_K; options in a drawn order."""
    v_coef = np.array([0 if rng.random() < 0.5 else int(rng.choice(NONZERO)) for _ in range(2)]
                      + [int(rng.choice([0, 0, 1, 2]))])
    ones_coef = np.array([int(rng.integers(-2, 3)), int(rng.integers(-2, 3)), int(rng.choice([-1, 0, 0, 1]))])
    keys = list(STATEMENTS)
    options = [STATEMENTS[keys[i]] for i in rng.permutation(len(keys))]
    constant_s, constant_t = softmax_affine_constancy(v_coef, ones_coef)
    answer = options.index(STATEMENTS[(constant_s, constant_t)])
    argument = " + ".join(x for x in (scaled_term(v_coef, r"\mathbf{v}"), scaled_term(ones_coef, r"\mathbf{1}_K")) if x)
    work = {"argument": argument.replace("+ -", "- "), "a_form": linear_form(v_coef), "b_form": linear_form(ones_coef),
            "constant_s": constant_s, "constant_t": constant_t}
    return {"v_coef": v_coef, "ones_coef": ones_coef, "options": options}, {"answer": answer}, work
