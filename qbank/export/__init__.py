"""LMS export: drawn exam versions as Moodle XML, Canvas-importable QTI 1.2, or GIFT.

`export` and `render` (run.py) are imported on first use, so a command that only needs the
list of formats (the CLI's option) does not load the exporters.
"""
FILES = {"moodle": "moodle.xml", "qti": "qti.zip", "gift": "gift.txt"}  # format -> file suffix

__all__ = ["FILES", "export", "render"]


def __getattr__(name):  # PEP 562: the exporters load when first asked for
    if name in ("export", "render"):
        from qbank.export import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
