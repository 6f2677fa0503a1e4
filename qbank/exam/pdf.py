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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qbank.errors import InputError

INSTALL_HINT = ("no pdflatex on PATH, so only the .tex files were written; to get PDFs install TeX Live "
                "(Debian/Ubuntu: apt-get install texlive-latex-extra latexmk) or pass --no-pdf")
_RANGE = re.compile(r"^qbank:version (\S+) (starts|ends) on page (\d+)", re.M)
_MARKER = "% qbank:question "
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
        raise LatexError(explain(log or done.stdout.decode("latin-1"), doc))
    ranges = {}
    for letter, which, page in _RANGE.findall(log):
        first, last = ranges.get(letter, (0, 0))
        ranges[letter] = (int(page), last) if which == "starts" else (first, int(page))
    return ranges


def explain(log: str, doc) -> str:
    """The first LaTeX error of `log`, placed by version and question with the source line it stopped at.

    TeX reports `l.<n> <source>` for the line where it stopped; the last
    `% qbank:question ID seed=N` marker above line n names the question, and the
    version whose body starts above it names the version and the line in that
    version's own file (exam_<V>.tex or solutions_<V>.tex).
    """
    lines = log.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("!")), None)
    if first is None:
        return "pdflatex failed without an error message; see its log:\n" + "\n".join(lines[-15:])
    message = lines[first][1:].strip()
    stop = next((re.match(r"l\.(\d+) ?(.*)", line) for line in lines[first:first + 30] if re.match(r"l\.\d+", line)),
                None)
    if stop is None:
        return f"LaTeX error: {message}"
    number, source = int(stop.group(1)), stop.group(2).strip()
    starts = sorted((start, letter) for letter, start in doc.starts.items())
    inside = [(start, letter) for start, letter in starts if start <= number]
    if not inside:
        return f"LaTeX error in the preamble, line {number}: {message} ({source})"
    start, letter = inside[-1]
    tex = doc.text.splitlines()
    marker = next((tex[i] for i in range(min(number, len(tex)) - 1, start - 2, -1) if tex[i].startswith(_MARKER)), None)
    where, hint = "the cover page", ""
    if marker:
        qid, seed = marker[len(_MARKER):].split(" seed=")
        where, hint = f"question {qid} (seed {seed})", f"; `qbank show {qid} --seed {seed} --latex` shows the question"
    own_line = number - start + starts[0][0]
    return f"LaTeX error in version {letter}, {where}: {message} {doc.kind}_{letter}.tex line {own_line}: {source}{hint}"
