"""LaTeX for exam versions: contexts for templates/exam/*.tex.j2 and whole documents from them.

A version body is rendered once per copy (exam or solutions) and documents are
joined from bodies, so a single version's file and the file printing every
version hold the very same text. Nothing here reads a clock: same draws, same bytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qbank.engine.render import environment, render_prompt
from qbank.exam.model import Question, Version

SPACE = {"choice": None, "short": r"\makeemptybox{1.5in}", "numeric": r"\vspace{1.5in}"}  # default answer space
_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BEGIN, _END = "\\begin{document}\n", "\\end{document}\n"
_MATH = re.compile(r"((?<!\\)\$(?:[^$\\]|\\.)+?(?<!\\)\$)")


def escape(text: str) -> str:
    """Free text with LaTeX's special characters escaped (template ids, labels: never LaTeX)."""
    return "".join(_SPECIALS.get(ch, ch) for ch in str(text))


def text_with_math(text: str) -> str:
    r"""Spec text (titles, instructions): math between $...$ is LaTeX, everything else is escaped.

    `\$` is a literal dollar sign; an unpaired `$` is printed as a dollar sign too,
    so text that never meant math ("costs $5") still compiles.
    """
    pieces = _MATH.split(str(text))  # even indices: plain text, odd: a $...$ span
    return "".join(piece if index % 2 else escape(piece.replace("\\$", "$")) for index, piece in enumerate(pieces))


@dataclass
class Document:
    """A LaTeX document and, for each version in it, the line where its body starts (1-based)."""

    text: str
    starts: dict  # version letter -> first line of its body
    kind: str = "exam"  # exam or solutions: names the version's own file in error messages


def exam_context(spec) -> dict:
    """The cover's texts of an ExamSpec (title, course, date, duration, instructions): escaped, $math$ kept."""
    return {"title": text_with_math(spec.title), "course": text_with_math(spec.course),
            "date": text_with_math(spec.date), "duration": text_with_math(spec.duration),
            "instructions": [text_with_math(line) for line in spec.instructions]}


def question_context(q: Question, first_in_part: bool = False) -> dict:
    """What question.tex.j2 shows of one question: stem, part prompts and points, solution, keys."""
    inst = q.instance
    prompts = [render_prompt(inst, part).strip() for part in inst.parts]
    use_parts = any(prompts)
    solution = inst.render("solution").strip()
    parts = []
    for index, (part, points, prompt) in enumerate(zip(inst.parts, q.part_points, prompts)):
        label = f"({chr(ord('a') + index)})" if use_parts else (escape(part.label) if len(inst.parts) > 1 else "")
        parts.append({"points": tex_points(points), "prompt": prompt or escape(part.label), "label": label,
                      "key": _key(part, solution)})
    space = SPACE.get(inst.template.kind, SPACE["numeric"])
    if q.space is not None:
        space = None if q.space == "0" else (rf"\makeemptybox{{{q.space}}}" if inst.template.kind == "short"
                                             else rf"\vspace{{{q.space}}}")
    return {"id": inst.template.id, "seed": str(inst.seed), "number": q.number, "points": tex_points(q.points),
            "stem": inst.render("question").strip(), "solution": solution,
            "use_parts": use_parts, "parts": parts, "space": space, "newpage": q.newpage and not first_in_part}


def _key(part, solution: str) -> str:
    """The key line's LaTeX; empty for a model answer the worked solution already prints in full."""
    shown = part.spec.latex(part.value)
    if part.spec.kind == "text":
        return "" if shown in solution else shown
    return shown if part.spec.kind == "choice" else f"${shown}$"


def version_context(version: Version) -> dict:
    """What version.tex.j2 shows of one version: letter, total, question count, points list, sections."""
    sections = [{"title": text_with_math(s.title), "instructions": text_with_math(s.instructions),
                 "points": tex_points(s.points),
                 "newpage": s.newpage, "questions": [question_context(q, i == 0) for i, q in enumerate(s.questions)]}
                for s in version.sections]
    questions = version.questions
    return {"letter": version.letter, "total": tex_points(sum(q.points for q in questions)), "count": len(questions),
            "points_list": ",".join(tex_points(q.points) for q in questions), "sections": sections}


def tex_points(value: float) -> str:
    """Points as the exam class reads them: `4`, `3\\half` for 3.5, `\\half` for 0.5."""
    whole, half = divmod(round(2 * value), 2)
    return (str(whole) if whole or not half else "") + ("\\half" if half else "")


def render_body(exam: dict, version: dict, solutions: bool) -> str:
    """One version's body (cover page and questions), the exam copy or, with `solutions`, the solution copy."""
    return environment("latex").get_template("exam/version.tex.j2").render(exam=exam, v=version, solutions=solutions)


def render_preamble(exam: dict, solutions: bool) -> str:
    """The preamble of an exam (or, with `solutions`, a solutions) document: class, packages, qbank's macros."""
    return environment("latex").get_template("exam/preamble.tex.j2").render(exam=exam, solutions=solutions)


def document(preamble: str, bodies: dict, kind: str = "exam", even_pages: bool = False, pages=None) -> Document:
    """Join a preamble and version bodies ({letter: text}) into one document.

    even_pages: pad each version to an even page count, for two-sided printing of the combined file.
    pages: {letter: (page count, padded count)} from a first compile: footers say "Page N of M" and
    each version is padded with blank pages to its padded count. Without it a single version's
    footer counts its pages with the exam class's \\numpages and several versions print no total.
    """
    pieces, starts = [preamble, _BEGIN], {}
    line = preamble.count("\n") + 2
    for letter, body in bodies.items():
        if pages:
            count, padded = pages[letter]
            pieces.append(f"\\qbankpages{{{count}}}{{{padded}}}\n")
        else:
            pieces.append("\\qbankpages{\\numpages}{}\n" if len(bodies) == 1 else "\\qbankpages{}{}\n")
        line += 1
        starts[letter] = line
        pieces.append(body)
        line += body.count("\n")
        if even_pages:
            pieces.append("\\qbankevenpages\n")
            line += 1
    pieces.append(_END)
    return Document("".join(pieces), starts, kind)
