"""conv/conv1d-backprop: backpropagation through a tiny 1-D ConvNet of scalars (conv, max-pool, scale, sum).

Generalized from exam 000, problem 0.2; its figure is missing, so the graph is
ours and the question states it: x_1..x_5 -> (kernel k_1..k_3, bias b) -> z_1..z_3
-> max-pool (width 2, stride 1) -> u_1, u_2 -> v_i = w_i u_i -> z_4 = v_1 + v_2 + c -> L(z_4).
Every gradient comes from the core's backward passes: on sympy symbols for the
symbolic parts, on the drawn integers for the numeric part.
"""
from functools import lru_cache

import numpy as np

from qbank import Expression, Integer, Text, template
from qbank.core.conv import conv1d, conv1d_backward, max_pool1d, max_pool1d_backward, max_pool1d_indices
from qbank.errors import InputError
from qbank.lazy import sympy

PARAMETERS = ("k_1", "k_2", "k_3", "b", "w_1", "w_2", "c")
SCALE_SYMBOLS = ("g", "u_1", "u_2", "w_1", "w_2", "v_1", "v_2", "c")
KERNEL_SYMBOLS = ("delta_1", "delta_2", "delta_3", "x_1", "x_2", "x_3", "x_4", "x_5", "k_1", "k_2", "k_3", "b")


def symbols(name, count):
    """sympy symbols name_1 .. name_count as an object array."""
    return np.array([sympy.Symbol(f"{name}_{i}") for i in range(1, count + 1)], dtype=object)


@lru_cache(maxsize=1)  # the same symbols on every draw: compute once
def symbolic_gradients():
    """dL/dv_i, dL/du_i (given g = dL/dz_4) and dL/dk_j, dL/db (given delta_i = dL/dz_i) from the core.

    z_4 = v_1 + v_2 + c is a width-2 conv1d of v with kernel (1, 1) and bias c, and
    also w_1 u_1 + w_2 u_2 + c, a conv1d of u with kernel (w_1, w_2); z_i is the
    conv1d of x with kernel (k_1, k_2, k_3) and bias b.
    """
    g = np.array([[sympy.Symbol("g")]], dtype=object)  # (1, 1): dL/dz_4
    dv, _, _ = conv1d_backward(symbols("v", 2)[None], np.ones((1, 1, 2), dtype=int), g)  # (1, 2)
    du, _, _ = conv1d_backward(symbols("u", 2)[None], symbols("w", 2)[None, None], g)  # (1, 2)
    _, dk, db = conv1d_backward(symbols("x", 5)[None], symbols("k", 3)[None, None], symbols("delta", 3)[None])
    return {"dL_dv1": dv[0, 0], "dL_dv2": dv[0, 1], "dL_du1": du[0, 0], "dL_du2": du[0, 1],
            "dL_dk1": dk[0, 0, 0], "dL_dk2": dk[0, 0, 1], "dL_dk3": dk[0, 0, 2], "dL_db": db[0]}


PARAMETER_LIST = (r"$k_1, k_2, k_3$ (the kernel), $b$ (its bias), $w_1, w_2$ and $c$: 7 parameters. "
                  r"The $x_i$ are inputs; $z_i$, $u_i$, $v_i$ and $L$ are computed.")
ROUTING = (r"$\partial L/\partial z_1 = \gamma_1 [z_1 \ge z_2]$, "
           r"$\partial L/\partial z_2 = \gamma_1 [z_2 > z_1] + \gamma_2 [z_2 \ge z_3]$, "
           r"$\partial L/\partial z_3 = \gamma_2 [z_3 > z_2]$, where $[\cdot]$ is 1 when the condition holds and 0 "
           r"otherwise: each $u_i$ passes its gradient only to the larger of its two inputs (the first on a tie); "
           r"$z_2$ feeds both windows and collects both contributions.")


def _check(params, answers):
    g, c = sympy.Symbol("g"), sympy.Symbol("c")
    u, w, v, x, k = (symbols(n, m) for n, m in (("u", 2), ("w", 2), ("v", 2), ("x", 5), ("k", 3)))
    delta, b = symbols("delta", 3), sympy.Symbol("b")
    by_v, by_u = g * (v[0] + v[1] + c), g * (w[0] * u[0] + w[1] * u[1] + c)  # L linearized at z_4: dL = g dz_4
    by_z = sum(delta[i] * (sum(k[j] * x[i + j] for j in range(3)) + b) for i in range(3))
    expected = {"dL_dv1": by_v.diff(v[0]), "dL_dv2": by_v.diff(v[1]), "dL_du1": by_u.diff(u[0]),
                "dL_du2": by_u.diff(u[1]), "dL_dk1": by_z.diff(k[0]), "dL_dk2": by_z.diff(k[1]),
                "dL_dk3": by_z.diff(k[2]), "dL_db": by_z.diff(b)}
    for name, value in expected.items():
        assert sympy.expand(answers[name] - value) == 0, name
    z = symbols("z", 3)
    z4 = params["w"][0] * sympy.Max(z[0], z[1]) + params["w"][1] * sympy.Max(z[1], z[2]) + params["c"]
    at = dict(zip(z, (sympy.Integer(int(v)) for v in params["z"])))
    assert answers["z4"] == z4.subs(at)
    for i in range(3):  # no ties (a constraint), so the Heaviside steps of d Max are 0 or 1
        assert answers[f"dL_dz{i + 1}"] == (params["g"] * z4.diff(z[i])).subs(at), i


def _no_ties(params, answers):
    z = params["z"]
    return z[0] != z[1] and z[1] != z[2]


@template("conv/conv1d-backprop", topic="conv", points=16, title="Backpropagation through a small 1-D ConvNet",
          question="tex/conv/backprop.tex.j2", solution="tex/conv/backprop_solution.tex.j2",
          answers={"parameters": Text(points=2, prompt="List the parameters of this network."),
                   "dL_dv1": Expression(SCALE_SYMBOLS, points=0.5, prompt=r"$\partial L/\partial v_1$ in terms of $g$ "
                                                                          r"and the variables of the graph."),
                   "dL_dv2": Expression(SCALE_SYMBOLS, points=0.5, prompt=r"$\partial L/\partial v_2$."),
                   "dL_du1": Expression(SCALE_SYMBOLS, points=0.5, prompt=r"$\partial L/\partial u_1$."),
                   "dL_du2": Expression(SCALE_SYMBOLS, points=0.5, prompt=r"$\partial L/\partial u_2$."),
                   "routing": Text(points=4, prompt=r"Given $\gamma_1 = \partial L/\partial u_1$ and "
                                                    r"$\gamma_2 = \partial L/\partial u_2$, express "
                                                    r"$\partial L/\partial z_1$, $\partial L/\partial z_2$ and "
                                                    r"$\partial L/\partial z_3$."),
                   "dL_dk1": Expression(KERNEL_SYMBOLS, points=1,
                                        prompt=r"Given $\delta_i = \partial L/\partial z_i$ ($i = 1, 2, 3$): "
                                               r"$\partial L/\partial k_1$."),
                   "dL_dk2": Expression(KERNEL_SYMBOLS, points=1, prompt=r"$\partial L/\partial k_2$."),
                   "dL_dk3": Expression(KERNEL_SYMBOLS, points=1, prompt=r"$\partial L/\partial k_3$."),
                   "dL_db": Expression(KERNEL_SYMBOLS, points=1, prompt=r"$\partial L/\partial b$."),
                   "z4": Integer(points=1, prompt=r"With the numbers given above: $z_4$."),
                   "dL_dz1": Integer(points=1, prompt=r"$\partial L/\partial z_1$."),
                   "dL_dz2": Integer(points=1, prompt=r"$\partial L/\partial z_2$."),
                   "dL_dz3": Integer(points=1, prompt=r"$\partial L/\partial z_3$.")},
          constraints={"no tie in either max-pool window": _no_ties,
                       "both weights are non-zero": lambda p, a: p["w"][0] != 0 and p["w"][1] != 0},
          crosscheck=_check)
def conv1d_backprop_question(rng):
    """The fixed graph with drawn z, w, c and g = dL/dz_4 for the numeric part."""
    z = rng.integers(-6, 7, size=3)
    w = rng.integers(-10, 11, size=2)
    c = int(rng.integers(-5, 6))
    g = int(rng.choice([-2, -1, 1, 2, 3]))
    params = {"z": z, "w": w, "c": c, "g": g}
    pre, scale = np.asarray(z, dtype=int), np.asarray(w, dtype=int)  # pinned values may arrive as any int arrays
    if pre.shape != (3,) or scale.shape != (2,):
        raise InputError(f"template conv/conv1d-backprop: z needs 3 values and w 2, got {pre.shape} and {scale.shape}")
    u = max_pool1d(pre[None], 2, 1)  # (1, 2)
    z4 = conv1d(u, scale[None, None], np.array([c]))  # (1, 1): w_1 u_1 + w_2 u_2 + c
    du, _, _ = conv1d_backward(u, scale[None, None], np.array([[g]]))  # (1, 2): g w_i
    dz = max_pool1d_backward(pre[None], du, 2, 1)  # (1, 3)
    symbolic = symbolic_gradients()
    answers = {"parameters": PARAMETER_LIST, **{n: symbolic[n] for n in ("dL_dv1", "dL_dv2", "dL_du1", "dL_du2")},
               "routing": ROUTING, **{n: symbolic[n] for n in ("dL_dk1", "dL_dk2", "dL_dk3", "dL_db")},
               "z4": int(z4[0, 0]), "dL_dz1": int(dz[0, 0]), "dL_dz2": int(dz[0, 1]), "dL_dz3": int(dz[0, 2])}
    work = {"u": u[0], "du": du[0], "winners": max_pool1d_indices(pre[None], 2, 1)[0] + 1}
    return params, answers, work
