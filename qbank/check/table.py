"""A check report for people (a table and one block per problem) and for programs (JSON)."""
from __future__ import annotations

from dataclasses import asdict

SEEDS_SHOWN = 8


def table(report) -> str:
    """One row per template: draws, failures by kind, warnings, distinct variants, ms per draw, degenerate rates."""
    header = ("template", "draws", "failures", "warnings", "variants", "space", "ms/draw", "render ms", "degenerate")
    rows = [header]
    for t in report.templates:
        rows.append((t.id, str(t.draws), _by_kind(t.failures) or "-", _by_kind(t.warnings) or "-", str(t.variants),
                     t.variant_space or "-", f"{t.gen_ms:.2f}", f"{t.render_ms:.2f}", _rates(t) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0]), *(cell.ljust(w) if i in (2, 3, 8) else cell.rjust(w)
                                           for i, (cell, w) in enumerate(zip(row[1:], widths[1:]), start=1))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def problems(report) -> str:
    """Each failure and warning with its seeds and the command that reproduces it."""
    blocks = []
    for t in report.templates:
        for f in t.findings:
            label = "FAIL" if f.severity == "failure" else "WARN"
            lines = [f"{label} {t.id} [{f.kind}] {f.message}"]
            if f.seeds:
                more = ", ..." if len(f.seeds) > SEEDS_SHOWN else ""
                shown = ", ".join(str(s) for s in f.seeds[:SEEDS_SHOWN]) + more
                lines.append(f"     {len(f.seeds)} of {t.draws} draws, seeds {shown}")
            if f.reproduce:
                lines.append(f"     reproduce: {f.reproduce}")
            blocks.append("\n".join(lines))
    return "\n".join(blocks)


def summary(report) -> str:
    """The last line: templates, draws, time, how many failed or warned."""
    draws = sum(t.draws for t in report.templates)
    failed = len(report.failed)
    warned = sum(1 for t in report.templates if t.warnings)
    verdict = f"{failed} failed" if failed else "all passed"
    return (f"{len(report.templates)} templates, {draws} draws in {report.seconds:.1f} s: {verdict}"
            + (f", {warned} with warnings" if warned else "") + (" (--strict)" if report.strict else ""))


def as_json(report) -> dict:
    """The report as plain JSON values (what --json prints); `degenerate_rate` is per kind, over the draws."""
    return {"ok": report.ok, "strict": report.strict, "seconds": round(report.seconds, 3),
            "templates": [dict(asdict(t), ok=t.ok, degenerate_rate=rates(t)) for t in report.templates]}


def rates(t) -> dict:
    """Degenerate kind -> the fraction of the template's draws that showed it."""
    return {kind: round(n / t.draws, 4) for kind, n in t.degenerate.items()} if t.draws else {}


def _rates(t) -> str:
    """`uniform-row 57.1% same-parts 100.0% (allowed)`: each degenerate kind's share of the draws."""
    return " ".join(f"{kind} {100 * rate:.1f}%" + (" (allowed)" if kind in t.allowed else "")
                    for kind, rate in rates(t).items())


def _by_kind(findings) -> str:
    """`crosscheck:3 render:200`; a template's own degeneracy predicates count together as `degenerate`."""
    counts: dict[str, int] = {}
    for f in findings:
        kind = f.kind.split(":")[0]
        counts[kind] = counts.get(kind, 0) + len(f.seeds)
    return " ".join(f"{kind}:{n}" if n else kind for kind, n in counts.items())
