"""LMS export: drawn exam versions as Moodle XML, Canvas-importable QTI 1.2, or GIFT."""
from qbank.export.run import FILES, export, render

__all__ = ["FILES", "export", "render"]
