"""Compile LaTeX documents to PDF with pdflatex, in parallel, and explain a failure by question.

pdflatex runs with -no-shell-escape, -interaction=nonstopmode and
-halt-on-error inside the build directory (TeX's default openout_any=p keeps
its writes there). One pass is enough: the version macros hand \\gradetable its
numbers (see templates/exam/preamble.tex.j2). Each version logs its page range,
which is how one compile of many versions is split afterwards (qbank/exam/pages.py, with pypdf).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qbank.errors import InputError
from qbank.exam import texlog

INSTALL_HINT = ("no pdflatex on PATH, so only the .tex files were written; to get PDFs install TeX Live "
                "(Debian/Ubuntu: apt-get install texlive-latex-extra latexmk) or pass --no-pdf")
_RANGE = re.compile(r"^qbank:version (\S+) (starts|ends) on page (\d+)", re.M)
_MARKER = "% qbank:question "
_OVERFULL = re.compile(r"^Overfull \\vbox \(([\d.]+)pt too high\) has occurred while \\output is active")
_SHIPPED = re.compile(r"\[(\d+)")
OVERFULL_PT = 2.0  # smaller overruns do not show on paper
TIMEOUT_S = 900  # one pdflatex run; 100 versions take well under a minute


class LatexError(InputError):
    """pdflatex stopped; the message names the version, the question and the offending line."""


def have_pdflatex() -> bool:
    """True when pdflatex is on PATH."""
    return shutil.which("pdflatex") is not None


def compile_all(jobs: dict, workdir: Path, draft: bool = False, done=lambda: None) -> dict:
    """Compile {name: Document} in `workdir` as name.tex, in parallel; {name: {letter: (first, last page)}}.

    draft: pdflatex's -draftmode, which typesets (and logs page ranges) without writing a PDF.
    done: called as each document finishes (a progress bar's step).
    Raises LatexError for the first failed document (in the order given).
    """
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        futures = {name: pool.submit(_compile, name, doc, workdir, draft) for name, doc in jobs.items()}
        for future in futures.values():
            future.add_done_callback(lambda _: done())
        return {name: future.result() for name, future in futures.items()}


def _compile(name: str, doc, workdir: Path, draft: bool = False) -> dict:
    (workdir / f"{name}.tex").write_text(doc.text, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1")  # reproducible PDF dates and ids
    cmd = ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
           *(["-draftmode"] if draft else []), f"{name}.tex"]
    try:
        done = subprocess.run(cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise LatexError(f"pdflatex ran for more than {TIMEOUT_S} s on {name}.tex and was stopped "
                         "(a question's LaTeX may loop)") from None
    log = (workdir / f"{name}.log").read_text(encoding="latin-1") if (workdir / f"{name}.log").exists() else ""
    if done.returncode != 0 or not (draft or (workdir / f"{name}.pdf").exists()):
        raise LatexError(explain(log or done.stdout.decode("latin-1"), doc, _keep(workdir, name)))
    ranges = {}
    for letter, which, page in _RANGE.findall(log):
        first, last = ranges.get(letter, (0, 0))
        ranges[letter] = (int(page), last) if which == "starts" else (first, int(page))
    return ranges


def overfull_pages(log_path: Path, min_points: float = OVERFULL_PT) -> list:
    """[(version letter, page in that version, points)] for pages whose content runs past the page's foot.

    TeX logs `Overfull \\vbox (Xpt too high) has occurred while \\output is active` for such a
    page just before it logs the page's number `[n]` as it ships it out; the last
    `qbank:version X starts` line above names the version (its pages count from 1).
    """
    found, letter, pending = [], None, None
    for line in Path(log_path).read_text(encoding="latin-1").splitlines():
        started = _RANGE.match(line)
        if started and started.group(2) == "starts":
            letter = started.group(1)
        overfull = _OVERFULL.match(line)
        if overfull and float(overfull.group(1)) >= min_points:
            pending = float(overfull.group(1))
        shipped = _SHIPPED.search(line) if pending is not None else None
        if shipped:
            found.append((letter, int(shipped.group(1)), pending))
            pending = None
    return found


def _keep(workdir: Path, name: str) -> str:
    """Copy a failed document's .tex and .log out of the build (which is removed) into a folder of their own."""
    kept = Path(tempfile.mkdtemp(prefix="qbank-latex-"))
    for suffix in (".tex", ".log"):
        if (workdir / f"{name}{suffix}").exists():
            shutil.copy(workdir / f"{name}{suffix}", kept)
    return str(kept / f"{name}.log")


def explain(log: str, doc, kept: str = "") -> str:
    """The first LaTeX error of `log`, placed by version, question, template and seed, with its source line.

    qbank.exam.texlog finds the line TeX stopped at (or where a runaway argument
    began); the last `% qbank:question ID seed=N number=Q` marker above it names the
    question, and the version whose body starts above it names the version and the
    line in that version's own file (exam_<V>.tex or solutions_<V>.tex). `kept`: where
    the log was kept, named at the end.
    """
    found = texlog.errors(log, doc.text)
    tail = f"; the log is kept in {kept}" if kept else ""
    if not found:
        last = [line for line in log.splitlines() if line.strip()][-3:]
        return f"pdflatex failed without an error message (it ended: {' / '.join(last)}){tail}"
    error = found[0]
    if error.line is None:
        return f"LaTeX error: {error.message} (TeX did not say where){tail}"
    starts = sorted((start, letter) for letter, start in doc.starts.items())
    inside = [(start, letter) for start, letter in starts if start <= error.line]
    if not inside:
        return (f'LaTeX error in the preamble (its page header holds the spec\'s title), line {error.line}: '
                f'{error.message} ("{error.source}"){tail}')
    start, letter = inside[-1]
    tex = doc.text.splitlines()
    marker = next((tex[i] for i in range(min(error.line, len(tex)) - 1, start - 2, -1) if tex[i].startswith(_MARKER)),
                  None)
    where, hint = "the cover page", ""
    if marker:
        fields = dict(field.split("=", 1) for field in marker[len(_MARKER):].split()[1:])
        qid = marker[len(_MARKER):].split()[0]
        number = f" {fields['number']}" if "number" in fields else ""
        where = f"question{number} (template {qid}, seed {fields['seed']})"
        hint = f"; `qbank show {qid} --seed {fields['seed']} --latex` shows the question"
    own_line = error.line - start + starts[0][0]
    return (f'LaTeX error in version {letter}, {where}: {error.message} at {doc.kind}_{letter}.tex line {own_line} '
            f'("{error.source}"){tail}{hint}')
