"""Parameters that `--set` cannot pin: each parameter of one draw is pinned to its own value and redrawn.

A parameter the draw function does not assign under its own name (returned as
`{"values": values - shift}`, say) silently ignores a pin; the engine refuses such
a pin with UnpinnableError, and `qbank check` warns about it once per template, so
an author learns it before an instructor tries `qbank solve ID --set values=...`.
"""
from __future__ import annotations

from qbank.check.findings import WARNING, Collector
from qbank.check.timebound import time_bound
from qbank.engine.generate import generate
from qbank.engine.pinning import UnpinnableError


def check_pinnable(tpl, instance, out: Collector, limit: float) -> None:
    """Warn about the parameters of `instance` that cannot be pinned (other failures are not about pinning)."""
    stuck = []
    for name, value in instance.params.items():
        try:
            with time_bound(limit):
                generate(tpl, instance.seed, {name: value})
        except UnpinnableError:
            stuck.append(name)
        except Exception:  # a constraint the pin breaks, a timeout (StepTimeout): not about pinning
            continue
    if stuck:
        names = ", ".join(repr(n) for n in stuck)
        out.add("unpinnable", f"{tpl.source}: parameter{'s' if len(stuck) > 1 else ''} {names} cannot be pinned with "
                              "--set: assign each to a variable of the same name and return that variable",
                severity=WARNING)
