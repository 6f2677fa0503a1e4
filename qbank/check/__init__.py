"""`qbank check`: prove every template solvable and sound on every draw (the library side of the command).

    from qbank.check import run_check
    report = run_check(all_templates(), draws=200)
    report.ok, report.failed, report.templates[0].findings
"""
from qbank.check.findings import CheckReport, Finding, TemplateReport
from qbank.check.runner import Settings, check_template, run_check

__all__ = ["run_check", "check_template", "Settings", "CheckReport", "TemplateReport", "Finding"]
