"""The minimal authoring form from the spec: an instructor's own template file."""
from qbank import template


@template("demo/add", topic="demo", points=1,
          question=r"Compute $\VAR{a} + \VAR{b}$.",
          solution=r"$\VAR{a} + \VAR{b} = \VAR{total}$.")
def add(rng):
    a, b = int(rng.integers(1, 10)), int(rng.integers(1, 10))
    return {"a": a, "b": b}, {"total": a + b}
