"""Moodle XML: one category per exam slot holding its variants, for "random question from category".

Question types (Moodle docs, "Moodle XML format"): multichoice (single, options in
our order: positions were balanced at assembly), numerical (absolute tolerance,
0 for integers), shortanswer (shapes and exact fractions: every spelling the answer
reader lists), essay (free text and expressions, the model answer as grader
information), and cloze for several parts, array answers, or auto-graded parts that
come with person-graded parts or an "Explain ..." request (moodle_cloze.py): a
question is always one Moodle question, so a written part travels with it.
`defaultgrade` is the question's points (a cloze's is its weight sum, which Moodle
computes itself: moodle_cloze.py). Text is HTML, escaped in XML.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from qbank.export.blanks import EXACT_FORM, number_text
from qbank.export.items import grouped
from qbank.export.moodle_cloze import cloze_text, slot_scale
from qbank.export.xml_text import xml_file


def moodle_xml(exam: str, questions) -> str:
    """The Moodle XML quiz file of `questions` (LmsQuestion list) for the exam named `exam`."""
    quiz = ET.Element("quiz")
    for slot, variants in grouped(questions).items():
        _category(quiz, f"$course$/qbank/{exam}/{slot}")
        scale = slot_scale(variants)
        for q in variants:
            _question(quiz, q, scale)
    return xml_file(quiz)


def _category(quiz, path):
    question = ET.SubElement(quiz, "question", type="category")
    _html(question, "category", path, fmt=None)


def _question(quiz, q, scale):
    auto = q.auto_parts
    if q.options_html:
        _multichoice(quiz, q)
    elif not auto:
        _essay(quiz, q, q.person_parts, q.name)
    elif len(q.parts) == 1 and len(auto[0].boxes) == 1 and not q.explanations:
        (_numerical if auto[0].boxes[0].number else _shortanswer)(quiz, q, auto[0])
    else:
        text, total = cloze_text(q, scale)
        _head(quiz, "cloze", q.name, text, total, _keys(q.person_parts) + q.solution_html)


def _head(quiz, qtype, name, text, points, feedback):
    question = ET.SubElement(quiz, "question", type=qtype)
    _html(question, "name", name, fmt=None)
    _html(question, "questiontext", text)
    _html(question, "generalfeedback", feedback)
    for tag, value in (("defaultgrade", number_text(float(points))), ("penalty", "0"), ("hidden", "0")):
        ET.SubElement(question, tag).text = value
    return question


def _html(parent, tag, text, fmt="html"):
    element = ET.SubElement(parent, tag, **({"format": fmt} if fmt else {}))
    ET.SubElement(element, "text").text = text
    return element


def _answer(question, text, fraction="100", **extra):
    answer = ET.SubElement(question, "answer", fraction=fraction, format="html" if "html" in extra else "moodle_auto_format")
    ET.SubElement(answer, "text").text = text
    _html(answer, "feedback", "")
    for tag, value in extra.items():
        if tag != "html":
            ET.SubElement(answer, tag).text = value
    return answer


def _text_with_prompt(q, part):
    form = f"<p><em>{EXACT_FORM}</em></p>" if part.boxes[0].exact else ""
    return q.stem_html + (f"<p>{part.prompt_html}</p>" if part.prompt_html else "") + form


def _multichoice(quiz, q):
    question = _head(quiz, "multichoice", q.name, q.stem_html, q.points, q.solution_html)
    for tag, value in (("single", "true"), ("shuffleanswers", "0"), ("answernumbering", "ABCD")):
        ET.SubElement(question, tag).text = value
    for index, option in enumerate(q.options_html):
        _answer(question, option, "100" if index == q.correct else "0", html=True)


def _numerical(quiz, q, part):
    blank = part.boxes[0]
    question = _head(quiz, "numerical", q.name, _text_with_prompt(q, part), q.points, q.solution_html)
    _answer(question, number_text(blank.value), tolerance=number_text(blank.tolerance))
    for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "3"), ("unitsleft", "0")):
        ET.SubElement(question, tag).text = value


def _shortanswer(quiz, q, part):
    question = _head(quiz, "shortanswer", q.name, _text_with_prompt(q, part), q.points, q.solution_html)
    ET.SubElement(question, "usecase").text = "0"
    for text in part.boxes[0].accepted:
        _answer(question, text)


def _essay(quiz, q, parts, name):
    asks = "".join(f"<p>{p.heading_html}</p>" for p in parts if len(q.parts) > 1)
    question = _head(quiz, "essay", name, q.stem_html + asks, sum(p.points for p in parts), q.solution_html)
    for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                       ("attachments", "0")):
        ET.SubElement(question, tag).text = value
    _html(question, "graderinfo", _keys(parts) + q.solution_html)
    _html(question, "responsetemplate", "")


def _keys(parts) -> str:
    """The model answers of person-graded `parts`, for the teacher."""
    return "".join(f"<p><strong>{escape(p.label)}:</strong> {p.key_html}</p>" for p in parts)
