"""JUnit XML for CI systems: one testcase per template, a failure element when it failed.

The layout follows the de-facto schema that Jenkins, GitLab and GitHub
reporters read (testsuites > testsuite > testcase > failure | system-out).
Warnings go to the testcase's system-out so they are visible without failing. Each
testcase carries the template's source as `file` and `line` attributes (as pytest's
JUnit output does), and each failure's text starts with that `file:line`.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from qbank.check.table import SEEDS_SHOWN


def junit_xml(report) -> str:
    """The report as a JUnit XML document (a string with its XML declaration)."""
    failures = len(report.failed)
    suites = ET.Element("testsuites", name="qbank check", tests=str(len(report.templates)),
                        failures=str(failures), errors="0", time=f"{report.seconds:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="qbank check", tests=str(len(report.templates)),
                          failures=str(failures), errors="0", skipped="0", time=f"{report.seconds:.3f}")
    for t in report.templates:
        seconds = t.draws * (t.gen_ms + t.render_ms) / 1000
        file, _, line = t.source.rpartition(":")
        where = {"file": file, "line": line} if file and line.isdigit() else {}
        case = ET.SubElement(suite, "testcase", classname=f"qbank.{t.topic}", name=t.id, time=f"{seconds:.3f}",
                             **where)
        if t.failures:
            first = t.failures[0]
            failure = ET.SubElement(case, "failure", type=first.kind,
                                    message=f"{t.source}: {len(t.failures)} problem(s); first: [{first.kind}] "
                                            f"{first.message}")
            failure.text = "\n".join([f"template {t.id} at {t.source}"] + [_describe(f) for f in t.failures])
        if t.warnings:
            ET.SubElement(case, "system-out").text = "\n".join(_describe(f) for f in t.warnings)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def write_junit(report, path) -> None:
    """Write junit_xml(report) to `path` (UTF-8)."""
    Path(path).write_text(junit_xml(report), encoding="utf-8")


def _describe(finding) -> str:
    text = f"[{finding.kind}] {finding.message}"
    if finding.seeds:
        text += f" (seeds {', '.join(str(s) for s in finding.seeds[:SEEDS_SHOWN])}"
        text += ", ...)" if len(finding.seeds) > SEEDS_SHOWN else ")"
    if finding.reproduce:
        text += f"\n  reproduce: {finding.reproduce}"
    return text
