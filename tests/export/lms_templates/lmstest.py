"""Templates for the LMS export and grading tests: every answer kind, negative numbers, LaTeX specials."""
from fractions import Fraction

import numpy as np

from qbank import Exact, Expression, Integer, Matrix, Real, Shape, Text, Vector, template


@template("lmstest/count", topic="lmstest", points=2, question=r"Compute $\VAR{a} - \VAR{b}$ (it may be negative).",
          solution=r"$\VAR{a} - \VAR{b} = \VAR{diff}$.")
def count(rng):
    a, b = int(rng.integers(1000, 5000)), int(rng.integers(1000, 9000))
    return {"a": a, "b": b}, {"diff": a - b}


@template("lmstest/ratio", topic="lmstest", points=3,
          question=r"Give $\VAR{a} / \VAR{b}$ to 3 decimals. Costs: 100\% \& \#1 \{braces\} a~b: c = d.",
          solution=r"$\VAR{a} / \VAR{b} \approx \VAR{ratio}$.", answers={"ratio": Real(digits=3)})
def ratio(rng):
    a, b = int(rng.integers(-90, 90)), int(rng.integers(7, 30))
    return {"a": a, "b": b}, {"ratio": a / b}


@template("lmstest/shape", topic="lmstest", points=2, question=r"The output shape of a $\VAR{k} \times \VAR{k}$ layer.",
          answers={"out": Shape()})
def shape(rng):
    k = int(rng.integers(2, 6))
    return {"k": k}, {"out": (8, 33 - k, 33 - k)}


@template("lmstest/mixed", topic="lmstest", points=12, question=r"Let $v = \VAR{v|bmatrix}$.",
          solution=r"Work it out.",
          answers={"v2": Vector(digits=2, points=2, prompt=r"Give $v / 2$."),
                   "m": Matrix(digits=1, points=4, prompt=r"Give $v^T v$."),
                   "n": Integer(points=1, prompt=r"Give the length of $v$."),
                   "third": Exact(points=1, prompt=r"Give $1/3$ of 2."),
                   "eighth": Exact(points=1, prompt=r"Give $3/8$."),
                   "why": Text(points=3, prompt=r"Why?")})
def mixed(rng):
    v = rng.integers(-4, 5, size=2).astype(float)
    return {"v": v}, {"v2": v / 2, "m": np.outer(v, v), "n": 2, "third": Fraction(2, 3), "eighth": Fraction(3, 8),
                      "why": "Because $v$ has two entries."}


@template("lmstest/formula", topic="lmstest", points=2, question=r"Write the parameter count of a layer of width $d$.",
          answers={"count": Expression(symbols=("d",))})
def formula(rng):
    import sympy

    d = sympy.Symbol("d")
    return {}, {"count": d * d + d}


@template("lmstest/halves", topic="lmstest", points=3, question=r"Let $w = \VAR{w|bmatrix}$.",
          solution=r"Halve every entry.", answers={"half": Vector(digits=1, prompt=r"Give $w / 2$.")})
def halves(rng):
    w = rng.integers(-9, 10, size=3).astype(float)
    return {"w": w}, {"half": w / 2}
