r"""`qbank check --compile`: compile a sample of each template's rendered LaTeX with pdflatex.

One small document per template, with the exams' own preamble, holds a few
draws laid out as an exam lays them out: question, part prompts, solution and
keys (solutions printed). Errors come back from pdflatex's log (qbank.exam.texlog:
the line TeX stopped at, or where an unbalanced brace's runaway argument starts)
and are mapped to the draw, the text (question, a prompt, the solution, a key)
and the line inside it. pdflatex runs without shell escape, in a temporary
directory, several documents at a time (plain processes, no threads).
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from qbank.engine.render import render_prompt
from qbank.errors import InputError
from qbank.exam import texlog

CLOSING = "\\end{questions}\n\\end{document}\n"
SECONDS_PER_DOCUMENT = 120


def preamble() -> str:
    """The exams' own preamble (templates/exam/preamble.tex.j2, solutions printed), so the same packages load."""
    from qbank.exam.layout import render_preamble

    return render_preamble({"title": "qbank check", "course": "qbank check"}, True).rstrip("\n") + "\n"


def segments(instance, texts: dict) -> list:
    """One draw as the exam lays it out: [(label or None for layout lines, LaTeX)]."""
    parts = instance.parts
    prompts = [render_prompt(instance, part).strip() for part in parts]
    out = [(None, r"\question"), ("question", texts["question", "latex"])]
    if any(prompts):
        out.append((None, r"\begin{parts}"))
        for part, prompt in zip(parts, prompts):
            out += [(None, r"\part"), (f"prompt of {part.name}", prompt)]
        out.append((None, r"\end{parts}"))
    out += [(None, r"\begin{solution}"), ("solution", texts["solution", "latex"])]
    for part in parts:
        key = part.spec.latex(part.value)
        out.append((f"key of {part.name}", key if part.spec.kind in ("choice", "text") else f"${key}$\\par"))
    return out + [(None, r"\end{solution}")]


def document(samples: list) -> tuple[str, list]:
    """The .tex source for [(seed, segments)] and its line map [(first line, seed, label)]."""
    lines = (preamble() + "\\begin{document}\n\\begin{questions}").splitlines()
    line_map = [(len(lines) + 1, None, None)]
    for seed, parts in samples:
        lines.append(f"% qbank check: seed {seed}")
        for label, text in parts:
            line_map.append((len(lines) + 1, seed, label))
            lines.extend(text.splitlines() or [""])
    return "\n".join(lines) + "\n" + CLOSING, line_map


def locate(line: int, line_map: list) -> str:
    """'seed 3, solution line 2' for a line of the document."""
    where = "preamble"
    for first, seed, label in line_map:
        if line >= first:
            where = f"seed {seed}, {label} line {line - first + 1}" if label else f"seed {seed}, exam layout"
    return where


def require_pdflatex() -> None:
    """InputError unless pdflatex is on the PATH."""
    if shutil.which("pdflatex") is None:
        raise InputError("--compile needs pdflatex (TeX Live): see setup.sh")


def compile_all(documents: dict, jobs: int = 2) -> dict:
    """{template id: (source, line map)} -> {template id: [error messages]} (empty list: compiled)."""
    require_pdflatex()
    results, pending = {}, list(documents.items())
    with tempfile.TemporaryDirectory(prefix="qbank-check-") as tmp:
        running = []
        while pending or running:
            while pending and len(running) < max(1, jobs):
                template_id, (source, line_map) = pending.pop(0)
                running.append((template_id, source, line_map,
                                _start(Path(tmp), len(results) + len(running), source), time.monotonic()))
            template_id, source, line_map, process, started = running.pop(0)
            try:
                log, _ = process.communicate(timeout=max(1.0, SECONDS_PER_DOCUMENT - (time.monotonic() - started)))
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                results[template_id] = [f"pdflatex did not finish in {SECONDS_PER_DOCUMENT} s"]
                continue
            results[template_id] = _errors(log, process.returncode, line_map, source)
    return results


def _start(tmp: Path, number: int, source: str) -> subprocess.Popen:
    folder = tmp / f"doc{number}"
    folder.mkdir()
    (folder / "check.tex").write_text(source, encoding="utf-8")
    command = ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-file-line-error", "check.tex"]
    return subprocess.Popen(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace")


def _errors(log: str, returncode: int, line_map: list, source: str) -> list:
    """Each LaTeX error as 'seed 3, solution line 2: message (near '...')' (qbank.exam.texlog finds the line)."""
    found = []
    for error in texlog.errors(log, source):
        near = f" (near {error.source[-40:]!r})" if error.source else ""
        where = locate(error.line, line_map) if error.line else "somewhere (TeX did not say where)"
        found.append(f"{where}: {error.message}{near}")
    if returncode != 0 and not found:
        found = ["pdflatex failed without an error message: " + (log.strip().splitlines() or ["no output"])[-1]]
    return found[:5]
