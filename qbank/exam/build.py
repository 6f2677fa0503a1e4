"""Build an exam: spec -> versions -> .tex (exam and solutions per version, all versions together),
key.json, key.csv, PDFs and manifest.json, published into the output directory all at once.

Everything is drawn and rendered in memory first (bad input fails before any file
is touched), then written to a staging folder, compiled, and moved into place.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from qbank import __version__
from qbank.exam import key, layout, output, pdf
from qbank.exam import pages as pdfpages
from qbank.exam.assemble import assemble
from qbank.exam.model import version_letter
from qbank.exam.parallel import fork_map
from qbank.exam.spec import SHEET_ID_DIGITS, parse
from qbank.sheets import build as answer_sheets

KINDS = ("exam", "solutions")
COMBINED = "all_versions"  # every version's exam in one file, two-sided ready, for printing
VERSIONS_PER_COMPILE = 10  # fewer versions per pdflatex run cost more in start-ups than parallelism gains


@dataclass
class BuildResult:
    """What a build wrote, and where."""

    out: Path
    letters: list
    files: list  # names written under `out`
    notes: list = field(default_factory=list)  # what the user should know (no pdflatex, ...)


def build(spec_path, out, versions=None, seed=None, make_pdf=True, template_dirs=(), report=lambda msg: None,
          force=False, progress=None, sheets=False):
    """Build the exam of `spec_path` into the directory `out`; returns a BuildResult.

    force: replace a different build already in `out` (refused otherwise, see output.check_replaceable).
    progress: progress(label, total) -> step(n=1) for each stage (drawing, compiling, cutting), or None.
    sheets: also answer sheets for `qbank scan` (as the spec's `sheets: true` does); see qbank/sheets/.
    """
    spec = parse(spec_path, versions, seed, template_dirs)
    id_digits = spec.sheets or (SHEET_ID_DIGITS if sheets else 0)
    out = Path(out)
    letters = [version_letter(i) for i in range(spec.versions)]
    info = {"schema": "qbank-manifest/1", "qbank_version": __version__, "spec": spec.path.name,
            "spec_sha256": hashlib.sha256(spec.path.read_bytes()).hexdigest(), "exam_seed": spec.seed,
            "versions": letters}
    output.check_replaceable(out, info, force)
    progress = progress or (lambda label, total: lambda n=1: None)
    drawn = assemble(spec, progress("drawing versions", spec.versions))
    report(f"drew {len(drawn)} version(s) of {spec.path.name} (seed {spec.seed})")
    exam = layout.exam_context(spec)
    preambles = {kind: layout.render_preamble(exam, kind == "solutions") for kind in KINDS}

    def render(version):
        context = layout.version_context(version)
        return [layout.render_body(exam, context, kind == "solutions") for kind in KINDS]

    # The first version here compiles every jinja template once; forked workers inherit them for the rest.
    rendered = [render(drawn[0])] + fork_map(render, drawn[1:])
    bodies = {kind: {v.letter: texts[k] for v, texts in zip(drawn, rendered)} for k, kind in enumerate(KINDS)}
    answer_key = key.key_data(spec, drawn)
    sheet_texts = answer_sheets.texts(answer_key, spec.title, id_digits) if id_digits else {}

    notes = []
    with output.staging(out) as stage:
        pdf_names, pages = [], {kind: None for kind in KINDS}
        if make_pdf and not pdf.have_pdflatex():
            notes.append(pdf.INSTALL_HINT)
        elif make_pdf:
            report(f"compiling PDFs of {len(letters)} version(s) with pdflatex")
            pdf_names, pages, overfull = _pdfs(preambles, bodies, stage, progress)
            pdf_names += answer_sheets.compile_pdfs(sheet_texts, stage)
            notes += [f"{kind}_{letter}.pdf page {page}: the text runs {points:.0f}pt past the foot of the page"
                      for kind, letter, page, points in overfull]
        texts = {f"{kind}_{letter}.tex": layout.document(preambles[kind], {letter: body}, kind,
                                                         pages=pages[kind] and {letter: pages[kind][letter]}).text
                 for kind in KINDS for letter, body in bodies[kind].items()}
        texts[f"{COMBINED}.tex"] = layout.document(preambles["exam"], bodies["exam"], "exam", even_pages=True,
                                                   pages=pages["exam"]).text
        texts["key.json"], texts["key.csv"] = key.key_json(answer_key), key.key_csv(answer_key)
        texts.update(sheet_texts)
        for name, text in texts.items():
            (stage / name).write_text(text, encoding="utf-8")
        names = list(texts) + pdf_names
        output.publish(stage, out, names, info)
    return BuildResult(out, letters, sorted(names) + [output.MANIFEST], notes)


def _pdfs(preambles, bodies, stage: Path, progress) -> tuple:
    """Compile the PDFs into `stage`; returns their names, {kind: {letter: (pages, padded pages)}} and the
    pages whose text runs past their foot [(kind, letter, page, points)].

    Each kind (exam, solutions) is compiled as a few large documents (at least
    VERSIONS_PER_COMPILE versions each, as many as there are cores), all in parallel:
    a pdflatex start costs about as much as ten pages. A first run (pdflatex's draft
    mode: no PDF written) counts each version's pages; the second prints "Page N of M"
    and pads every exam copy to the longest version's count, so all versions print alike
    (solutions keep their own count). Each document is then cut into one PDF per version
    by the page ranges the versions log, and the exam documents are joined for printing.
    """
    workdir = stage / ".latex"
    workdir.mkdir()
    letters = list(bodies["exam"])
    groups = _groups(letters, max(1, min(os.cpu_count() or 1, len(letters) // VERSIONS_PER_COMPILE)))

    def jobs(pages):
        return {f"{kind}-{i}": layout.document(preambles[kind], {l: bodies[kind][l] for l in group}, kind,
                                               even_pages=kind == "exam", pages=pages and pages[kind])
                for kind in reversed(KINDS) for i, group in enumerate(groups)}  # the longer solutions start first

    step = progress("compiling PDFs", 2 * len(KINDS) * len(groups) + len(KINDS) * len(letters))
    counts = {kind: {} for kind in KINDS}
    for name, by_letter in pdf.compile_all(jobs(None), workdir, draft=True, done=step).items():
        counts[name.split("-")[0]].update({l: last - first + 1 for l, (first, last) in by_letter.items()})
    longest = max(counts["exam"].values())
    pages = {"exam": {l: (longest, longest) for l in letters},
             "solutions": {l: (n, n) for l, n in counts["solutions"].items()}}
    ranges = pdf.compile_all(jobs(pages), workdir, done=step)
    overfull = []
    for name, by_letter in ranges.items():
        kind = name.split("-")[0]
        overfull += [(kind, *found) for found in pdf.overfull_pages(workdir / f"{name}.log")]
        pdfpages.split(workdir / f"{name}.pdf", by_letter, {l: stage / f"{kind}_{l}.pdf" for l in by_letter})
        step(len(by_letter))
    pdfpages.join([workdir / f"exam-{i}.pdf" for i in range(len(groups))], stage / f"{COMBINED}.pdf")
    return [f"{kind}_{l}.pdf" for kind in KINDS for l in letters] + [f"{COMBINED}.pdf"], pages, sorted(overfull)


def _groups(items: list, count: int) -> list:
    """`items` in `count` consecutive groups of near-equal size (fewer when there are fewer items)."""
    count = min(count, len(items))
    size, extra = divmod(len(items), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    return [items[bounds[i]:bounds[i + 1]] for i in range(count)]
