"""Exam assembly: a YAML spec becomes versions of drawn questions, LaTeX, PDFs and an answer key.

spec.py / spec_items.py / spec_values.py read and check the spec; assemble.py draws the versions;
layout.py renders templates/exam/*.tex.j2; pdf.py compiles and pages.py (pypdf) splits
PDFs; key.py writes the key; output.py publishes atomically; build.py runs it all.
"""
from qbank.exam.build import BuildResult, build

__all__ = ["build", "BuildResult"]
