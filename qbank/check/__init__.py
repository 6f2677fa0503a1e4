"""`qbank check`: prove every template solvable and sound on every draw (the library side of the command).

    from qbank.check import run_check
    report = run_check(all_templates(), draws=200)
    report.ok, report.failed, report.templates[0].findings

The names below load on first use (PEP 562 module __getattr__): templates import
`qbank.check.predicates` at load time and must not pay for the whole checker.
"""
import importlib

_HOMES = {"run_check": "runner", "check_template": "runner", "Settings": "runner",
          "CheckReport": "findings", "TemplateReport": "findings", "Finding": "findings"}

__all__ = list(_HOMES)


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
