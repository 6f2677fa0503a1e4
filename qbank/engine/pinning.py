"""Pinned parameters: run a template with some drawn values replaced by given ones.

The approach is R/exams' `expar`: rewrite the template's code so that right
after each assignment to a pinned name, the name is set to the pinned value.
Every draw still happens, in the same order, so the parameters that are not
pinned keep the values they would have had; the answers are then computed from
the pinned values by the same code as always.
"""
from __future__ import annotations

import ast
import inspect
import json
import math
import textwrap
from functools import lru_cache

import numpy as np

from qbank.errors import InputError

_PINS = "__qbank_pins__"


def run_pinned(tpl, rng, pins: dict):
    """Call template `tpl` with `rng`, forcing the parameters named in `pins`."""
    for name, value in pins.items():
        if not _finite(value):
            raise UnpinnableError(f"template {tpl.id}: pinned parameter {name!r}: {json.dumps(value)} is not a finite "
                                  f"number (1e400, Infinity, .inf and NaN read as such)")
    pins = _Pins(tpl.id, {name: np.asarray(v) if isinstance(v, list) else v for name, v in pins.items()})
    fn = _rewritten(tpl.fn, frozenset(pins))
    params, answers, *work = fn(rng, **{_PINS: pins})
    for name, value in pins.items():
        if name not in params:
            raise UnpinnableError(f"template {tpl.id}: {name!r} is not one of its parameters "
                                  f"({', '.join(sorted(params))})")
        if not _same(params[name], value):
            raise UnpinnableError(f"template {tpl.id}: parameter {name!r} cannot be pinned: the draw function does not "
                                  f"take it from a variable {name} = ... as returned (it derives or changes it "
                                  f"afterwards), so the pinned value never reaches the question")
    return (params, answers, *work)


class UnpinnableError(InputError):
    """A pin names no parameter, or a parameter the draw function does not assign under its own name."""


class _Pins(dict):
    """The pinned values; `take` hands one over in place of the drawn value, refusing true/false for a number.

    (A number where true/false is drawn is the template's to refuse: it names what the flag means.)
    """

    def __init__(self, template_id, pins):
        super().__init__(pins)
        self.template_id = template_id

    def take(self, name, drawn):
        value = self[name]
        number = isinstance(drawn, (int, float, np.number)) and not isinstance(drawn, (bool, np.bool_))
        if number and isinstance(value, (bool, np.bool_)):  # else the question reads "a batch of True images"
            raise UnpinnableError(f"template {self.template_id}: {name} takes a number, got {json.dumps(bool(value))}")
        return value


def _finite(value) -> bool:
    """No inf or nan anywhere in a pinned value: a template would print 'inf' or fail converting it."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return all(_finite(v) for v in value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    return True


def _same(a, b):
    try:
        return bool(np.array_equal(np.asarray(a, dtype=object), np.asarray(b, dtype=object)))
    except (TypeError, ValueError):
        return False


@lru_cache(maxsize=256)
def _rewritten(fn, names: frozenset):
    source = textwrap.dedent(inspect.getsource(fn))
    tree = ast.parse(source)
    fdef = tree.body[0]
    fdef.decorator_list = []
    fdef.args.kwonlyargs.append(ast.arg(arg=_PINS))
    fdef.args.kw_defaults.append(None)
    _PinAfterAssign(names).visit(fdef)
    ast.fix_missing_locations(tree)
    namespace: dict = {}
    exec(compile(tree, inspect.getfile(fn), "exec"), fn.__globals__, namespace)
    return namespace[fdef.name]


class _PinAfterAssign(ast.NodeTransformer):
    """After `a = ...` (or `a, b = ...`, `a += ...`) insert `a = __qbank_pins__.take("a", a)`."""

    def __init__(self, names):
        self.names = names

    def generic_visit(self, node):
        super().generic_visit(node)
        for attr in ("body", "orelse", "finalbody"):
            block = getattr(node, attr, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                setattr(node, attr, [s for stmt in block for s in self._with_pins(stmt)])
        return node

    def _with_pins(self, stmt):
        yield stmt
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        else:
            return
        for name in sorted(self._bound(targets) & self.names):
            yield ast.parse(f"{name} = {_PINS}.take({name!r}, {name})").body[0]

    def _bound(self, targets):
        names = set()
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
        return names
