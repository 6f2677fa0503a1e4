"""IMS QTI 1.2 items as Canvas imports them (question types named in `qtimetadata`).

numerical_question: integers as `varequal` (exact), reals as an explicit range
(`vargte`/`varlte`, see canvas_numbers). multiple_choice_question: options in our
order. essay_question: graded by a person; the model answer goes into the general
feedback. fill_in_multiple_blanks_question: several parts or array entries, one
`[bN]` blank each, matched as text: exact numbers and shapes accept every spelling
the answer reader lists, reals the decimals within tolerance (canvas_numbers); a
matrix's blanks are laid out as a table. Canvas gives every blank an equal share of
the points, so per-part weights are kept only where the blanks' shares are equal.
A question with a part a person grades is one essay_question holding every part, so
a written part always travels with its question. Field names follow Canvas's own exports.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from qbank.export.blanks import EXACT_FORM, number_text
from qbank.export.canvas_numbers import canvas_range, spellings


def item(q, ident: str):
    """The QTI <item> of LmsQuestion `q`."""
    auto = q.auto_parts
    if q.options_html:
        return _choice(q, ident)
    if not auto or q.person_parts:
        return _essay(q, q.parts, ident, q.name)
    boxes = [b for p in auto for b in p.boxes]
    if len(q.parts) == 1 and len(boxes) == 1 and boxes[0].number:
        return _numerical(q, auto[0], ident)
    return _blanks(q, auto, ident)


def _start(q, ident, qtype, points, text, title):
    element = ET.Element("item", ident=ident, title=title)
    meta = ET.SubElement(ET.SubElement(element, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", qtype), ("points_possible", number_text(float(points))),
                         ("original_answer_ids", ""), ("assessment_question_identifierref", f"{ident}_q")):
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry
    presentation = ET.SubElement(element, "presentation")
    _mattext(presentation, text)
    return element, presentation


def _mattext(parent, html):
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", texttype="text/html").text = html


def _processing(element):
    processing = ET.SubElement(element, "resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE",
                  vartype="Decimal")
    return processing


def _condition(processing, score, action="Set"):
    condition = ET.SubElement(processing, "respcondition", {"continue": "No" if action == "Set" else "Yes"})
    ET.SubElement(condition, "setvar", action=action, varname="SCORE").text = score
    return ET.SubElement(condition, "conditionvar")


def _feedback(element, html):
    """Give item `element` its general feedback (the worked solution), shown once the attempt is submitted; the item."""
    shown = ET.Element("respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(shown, "conditionvar"), "other")
    ET.SubElement(shown, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    processing = element.find("resprocessing")
    processing.insert(1, shown)
    _mattext(ET.SubElement(ET.SubElement(element, "itemfeedback", ident="general_fb"), "flow_mat"), html)
    return element


def _choice(q, ident):
    element, presentation = _start(q, ident, "multiple_choice_question", q.points, q.stem_html, q.name)
    choices = ET.SubElement(ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single"),
                            "render_choice")
    for index, option in enumerate(q.options_html):
        _mattext(ET.SubElement(choices, "response_label", ident=f"{ident}_{index}"), option)
    ET.SubElement(_condition(_processing(element), "100"), "varequal", respident="response1").text = \
        f"{ident}_{q.correct}"
    return _feedback(element, q.solution_html)


def _numerical(q, part, ident):
    blank = part.boxes[0]
    text = q.stem_html + (f"<p>{part.prompt_html}</p>" if part.prompt_html else "")
    element, presentation = _start(q, ident, "numerical_question", q.points, text, q.name)
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(ET.SubElement(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
    test = _condition(_processing(element), "100")
    if blank.integer or not blank.tolerance:
        ET.SubElement(test, "varequal", respident="response1").text = number_text(blank.value)
    else:
        low, high = canvas_range(blank.value, blank.tolerance)
        both = ET.SubElement(test, "and")
        ET.SubElement(both, "vargte", respident="response1").text = low
        ET.SubElement(both, "varlte", respident="response1").text = high
    return _feedback(element, q.solution_html)


def _blanks(q, parts, ident):
    names, pieces = [], [q.stem_html]
    if any(box.exact for part in parts for box in part.boxes):
        pieces.append(f"<p><em>{EXACT_FORM}</em></p>")
    for part in parts:
        own = [f"b{len(names) + i + 1}" for i in range(len(part.boxes))]
        names += [(name, box) for name, box in zip(own, part.boxes)]
        pieces.append(f"<p>{part.heading_html}</p>" + _layout([f"[{n}]" for n in own], part.shape))
    points = sum(p.points for p in parts)
    element, presentation = _start(q, ident, "fill_in_multiple_blanks_question", points, "".join(pieces),
                                   q.name)
    processing = _processing(element)
    share = number_text(round(100 / len(names), 4))
    for name, box in names:
        response = ET.SubElement(presentation, "response_lid", ident=f"response_{name}")
        _mattext(response, name)
        choices = ET.SubElement(response, "render_choice")
        for k, text in enumerate(spellings(box, box.digits)):
            label = ET.SubElement(choices, "response_label", ident=f"{ident}_{name}_{k}")
            ET.SubElement(ET.SubElement(label, "material"), "mattext", texttype="text/plain").text = text
            ET.SubElement(_condition(processing, share, "Add"), "varequal", respident=f"response_{name}").text = \
                f"{ident}_{name}_{k}"
    return _feedback(element, q.solution_html)


def _layout(blanks, shape) -> str:
    """Blanks as the answer's shape: a matrix as a table (one row per matrix row), a vector as a bracketed row."""
    if len(shape) == 2:
        rows = [blanks[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
        return ('<table style="border-collapse: collapse">' + "".join(
            "<tr>" + "".join(f'<td style="border: 1px solid; padding: 4px">{b}</td>' for b in row) + "</tr>"
            for row in rows) + "</table>")
    if len(shape) == 1:
        return "<p>[ " + ", ".join(blanks) + " ]</p>"
    return "<p>" + " ".join(blanks) + "</p>"


def _essay(q, parts, ident, title):
    asks = "".join(f"<p>{p.heading_html}</p>" for p in parts if len(q.parts) > 1)
    element, presentation = _start(q, ident, "essay_question", q.points, q.stem_html + asks, title)
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(ET.SubElement(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    ET.SubElement(_condition(_processing(element), "0"), "other")
    keys = "".join(f"<p><strong>{escape(p.label)}:</strong> {escape(p.key_text) if p.boxes else p.key_html}</p>"
                   for p in parts)
    return _feedback(element, keys + q.solution_html)
