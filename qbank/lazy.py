"""A module imported on first use, so that commands which never touch it never pay for it.

sympy takes about a third of a second to import, and most commands (`qbank list`, `show`,
`solve` of a numeric template) never use it: modules write `from qbank.lazy import sympy`
and call `sympy.Rational(...)` as before. Unlike importlib.util.LazyLoader, nothing is put
into sys.modules until the first attribute is read, so `"sympy" in sys.modules` stays an
honest test of whether it was loaded.
"""
import importlib


class LazyModule:
    """Stands for module `name`; the first attribute read imports it."""

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attr):
        # only called for attributes this object lacks, i.e. the module's own
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)

    def __repr__(self):
        state = "loaded" if self._module is not None else "not loaded yet"
        return f"<lazy module {self._name!r}, {state}>"


sympy = LazyModule("sympy")
