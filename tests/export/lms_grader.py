r"""Read exported files back and grade typed responses as each LMS documents it (a test tool, not qbank code).

Moodle 5.1 (../shared/lms/moodle-5.1-facts.md; question/type/multianswer/questiontype.php,
question/type/shortanswer/question.php, question/type/numerical/question.php):
- a cloze answer is parsed with Moodle's own regexes (transcribed below): an answer ends
  at `~`, `#` or `}` not preceded by `\`, `&` or `&amp;`; a SHORTANSWER/text answer is then
  html_entity_decode()d and only `\}` and `\#` lose their backslash;
- SHORTANSWER: the trimmed response matches an answer exactly, case aside (usecase 0),
  `*` being a wildcard; NUMERICAL: the response read as qtype_numerical_answer_processor::
  apply_units reads it in English (spaces and the thousands separator `,` dropped, a
  number at the start), |x - answer| <= tolerance; text left after the number is a unit,
  which a question without units takes as an incomplete answer (0);
- a cloze earns sum(weight x fraction) / sum(weight); its mark is sum(weight).
Canvas classic quizzes (instructure/canvas-lms, app/models/quiz_question/*):
numerical_question: `varequal` is an exact value, `vargte`/`varlte` a range (a response
is taken as a plain decimal number: anything else scores 0);
fill_in_multiple_blanks_question: a blank is right when its stripped, lower-cased text
equals an answer's, and the question earns points x right blanks / blanks.
GIFT (Moodle docs, "GIFT format"): `{#value:tolerance}` numerical, `{=a =b}` shortanswer
(same matching as above), `\` escapes ~ = # { } :.
"""
from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

# Moodle 5.1, question/type/multianswer/questiontype.php (PCRE lookbehind alternatives as separate lookbehinds)
_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALTERNATIVE = f"({_FRACTION})?({_ANSWER})(#({_FEEDBACK}))?"
_NUMBER = r"-?(([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][-+]?[0-9]+)?)"
_NUMERICAL_ALTERNATIVE = f"^({_NUMBER})(:{_NUMBER})?$"
_TYPES = ("(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|(SHORTANSWER|SA|MW)|"
          "(SHORTANSWER_C|SAC|MWC)|(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|"
          "(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)")
_CLOZE = re.compile(r"\{([0-9]*):(" + _TYPES + "):(" + _ALTERNATIVE + "(~" + _ALTERNATIVE + ")*)\\}", re.S)
_NORM, _NUMERICAL, _SHORTANSWER, _ALTERNATIVES = 1, 3, 7, 16
_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_MOODLE_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?")
_MOODLE_EXPONENT = re.compile(r"(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+)")
PHP_PRECISION_EPSILON = 1e-14  # qtype_numerical_answer::get_tolerance_interval adds 10^-precision


@dataclass
class Box:
    """One graded input: kind numerical | shortanswer | choice | words, its weight and its answers."""

    kind: str
    weight: float
    answers: list = field(default_factory=list)  # [(fraction, text, tolerance)]

    def grade(self, response: str) -> float:
        """The fraction of this box's weight that `response` earns."""
        for fraction, answer, tolerance in self.answers:
            if self.kind == "numerical" and _number_matches(moodle_number(response), answer, tolerance):
                return fraction
            if self.kind == "canvas_number" and _number_matches(canvas_number(response), answer, tolerance):
                return fraction
            if self.kind in ("shortanswer", "words") and _wildcard_matches(response, answer):
                return fraction
            if self.kind == "choice" and str(response) == answer:
                return fraction
        return 0.0

    @property
    def right(self) -> list:
        return [answer for fraction, answer, _ in self.answers if fraction == 1]


@dataclass
class Question:
    """An exported question as the LMS stores it: type, mark (Moodle's or Canvas's points) and its boxes."""

    type: str
    mark: float
    text: str
    boxes: list
    category: str = ""

    def score(self, responses: list) -> float:
        """Points earned for one response per box (None: the box is graded by a person and left at 0)."""
        total = sum(box.weight for box in self.boxes)
        if not total:
            return 0.0
        earned = sum(box.weight * box.grade(r) for box, r in zip(self.boxes, responses) if r is not None)
        return self.mark * earned / total


def moodle_number(response) -> float | None:
    """The value Moodle 5.1 reads from a numerical response in English, or None (unreadable, or a unit left over)."""
    text = _MOODLE_EXPONENT.sub(r"e\1", str(response).replace(" ", "")).replace(",", "")
    match = _MOODLE_NUMBER.match(text)
    return float(match.group(0)) if match and match.group(0) == text else None


def canvas_number(response) -> float | None:
    text = str(response).strip()
    return float(text) if _DECIMAL.match(text) else None


def _number_matches(value, answer, tolerance) -> bool:
    return value is not None and abs(value - float(answer)) <= float(tolerance) + PHP_PRECISION_EPSILON


def _wildcard_matches(response, pattern) -> bool:
    """qtype_shortanswer_question::compare_string_with_wildcard, ignoring case."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = "^" + ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits) + "$"
    return re.match(regexp, str(response).strip(), re.I | re.S) is not None


# --- Moodle XML ---------------------------------------------------------------------------------------------

def moodle(xml: str) -> dict:
    """{question name: Question} of a Moodle XML file, as qformat_xml imports it."""
    found, category = {}, None
    for element in ET.fromstring(xml):
        kind = element.get("type")
        if kind == "category":
            category = element.findtext("category/text")
            continue
        name = element.findtext("name/text")
        assert name not in found, f"two questions named {name}"
        text = element.findtext("questiontext/text")
        grade = float(element.findtext("defaultgrade"))
        if kind == "cloze":
            text, boxes = cloze(text)
            question = Question("cloze", sum(b.weight for b in boxes), text, boxes, category)
        elif kind == "essay":
            question = Question("essay", grade, text, [], category)
        else:
            answers = [(float(a.get("fraction")) / 100, a.findtext("text"), a.findtext("tolerance") or "0")
                       for a in element.findall("answer")]
            box_kind = {"multichoice": "choice", "numerical": "numerical", "shortanswer": "shortanswer"}[kind]
            if box_kind == "choice":
                answers = [(fraction, str(index), 0) for index, (fraction, _, _) in enumerate(answers)]
            question = Question(kind, grade, text, [Box(box_kind, 1.0, answers)], category)
        found[name] = question
    return found


def cloze(text: str) -> tuple:
    """(text with {#n} markers, [Box]) as qtype_multianswer_extract_question reads a cloze text."""
    boxes = []
    while True:
        match = _CLOZE.search(text)
        if not match:
            return text, boxes
        numerical = bool(match.group(_NUMERICAL))
        assert numerical or match.group(_SHORTANSWER), f"unexpected cloze type in {match.group(0)[:80]}"
        answers, remaining = [], match.group(_ALTERNATIVES)
        while True:
            alternative = re.match("~?" + _ALTERNATIVE, remaining, re.S)
            if not alternative:
                break
            fraction = 1.0 if alternative.group(1) == "=" else (
                float(alternative.group(2).replace(",", ".")) / 100 if alternative.group(2) else 0.0)
            answer = alternative.group(3)
            number = re.match(_NUMERICAL_ALTERNATIVE, answer, re.S) if numerical else None
            if number:
                answers.append((fraction, number.group(1), number.group(6) or "0"))
            else:
                decoded = html.unescape(answer).replace("\\}", "}").replace("\\#", "#")
                answers.append((fraction, decoded, "0"))
            remaining = remaining.split(alternative.group(0), 1)[1]
        weight = float(match.group(_NORM)) if match.group(_NORM) != "" else 1.0
        boxes.append(Box("numerical" if numerical else "shortanswer", weight, answers))
        text = text.replace(match.group(0), f"{{#{len(boxes)}}}", 1)


def input_size(box: Box, response: str = "") -> int:
    """The width Moodle 5.1 gives a cloze box before its random widening (qtype_multianswer_textfield_renderer)."""
    return min(60, max([len(response.strip()) + 1, 1] + [len(answer.strip()) for _, answer, _ in box.answers]))


# --- Canvas QTI 1.2 -----------------------------------------------------------------------------------------

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def qti(data: bytes) -> tuple:
    """(quiz points from assessment_meta.xml, [(group title, pick, points per item, {title: Question})])."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    meta = ET.fromstring(archive.read(next(n for n in names if n.endswith("assessment_meta.xml"))))
    points = float(meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}points_possible"))
    assessment = ET.fromstring(archive.read(next(n for n in names if n.endswith(".xml") and "/" in n
                                                   and not n.endswith("assessment_meta.xml"))))
    groups = []
    for section in assessment.iterfind(".//q:section/q:section", NS):
        pick = int(section.findtext("q:selection_ordering/q:selection/q:selection_number", namespaces=NS))
        each = float(section.findtext(".//q:points_per_item", namespaces=NS))
        groups.append((section.get("title"), pick, each, {i.get("title"): _qti_item(i) for i in section.iterfind("q:item", NS)}))
    return points, groups


def _qti_item(item) -> Question:
    fields = {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
              for f in item.iterfind(".//q:qtimetadatafield", NS)}
    kind, points = fields["question_type"], float(fields["points_possible"])
    text = item.findtext("q:presentation/q:material/q:mattext", namespaces=NS)
    processing = item.find("q:resprocessing", NS)
    if kind == "essay_question":
        return Question(kind, points, text, [])
    if kind == "multiple_choice_question":
        labels = [r.get("ident") for r in item.iterfind(".//q:response_label", NS)]
        right = processing.findtext(".//q:varequal", namespaces=NS)
        return Question(kind, points, text, [Box("choice", 1.0, [(1.0, str(labels.index(right)), 0)])])
    if kind == "numerical_question":
        exact = processing.find(".//q:varequal", NS)
        if exact is not None:
            return Question(kind, points, text, [Box("canvas_number", 1.0, [(1.0, exact.text, "0")])])
        low = float(processing.findtext(".//q:vargte", namespaces=NS))
        high = float(processing.findtext(".//q:varlte", namespaces=NS))
        middle, half = repr((low + high) / 2), repr((high - low) / 2)
        return Question(kind, points, text, [Box("canvas_number", 1.0, [(1.0, middle, half)])])
    assert kind == "fill_in_multiple_blanks_question", kind
    boxes = []
    for blank in item.iterfind("q:presentation/q:response_lid", NS):
        texts = [label.findtext("q:material/q:mattext", namespaces=NS) for label in blank.iterfind(".//q:response_label", NS)]
        boxes.append(Box("canvas_text", 1.0, [(1.0, t, 0) for t in texts]))
    return Question(kind, points, text, boxes)


def canvas_blank_right(box: Box, response: str) -> bool:
    """Canvas's find_chosen_answer: stripped, lower-cased text equality."""
    return any(str(response).strip().lower() == (answer or "").strip().lower() for _, answer, _ in box.answers)


def canvas_score(question: Question, responses: list) -> float:
    """Canvas's points for `responses`: blanks share the points equally; other types all or nothing."""
    if question.type == "essay_question":
        return 0.0
    if question.type == "fill_in_multiple_blanks_question":
        right = sum(canvas_blank_right(b, r) for b, r in zip(question.boxes, responses) if r is not None)
        return question.mark * right / len(question.boxes)
    [box], [response] = question.boxes, responses
    return question.mark * box.grade(response)


# --- GIFT ---------------------------------------------------------------------------------------------------

_GIFT = re.compile(r"::((?:\\.|[^:\\])*)::\[html\]((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}", re.S)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text, flags=re.S)


def gift(text: str) -> dict:
    """{title: Question} of a GIFT file (mark 1: GIFT carries no points)."""
    found, category = {}, None
    for block in text.strip().split("\n\n"):
        if block.startswith("$CATEGORY: "):
            category = block[len("$CATEGORY: "):]
            continue
        match = _GIFT.fullmatch(block)
        assert match, block[:200]
        title, body, answers = match.groups()
        head = re.split(r"(?<!\\)####", answers)[0].strip()
        if not head:
            question = Question("essay", 1.0, _unescape(body), [])
        elif head.startswith("#"):
            value, _, tolerance = _unescape(head[1:]).partition(":")
            question = Question("numerical", 1.0, _unescape(body), [Box("numerical", 1.0, [(1.0, value, tolerance or "0")])])
        else:
            marks = re.findall(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", head)
            if all(mark == "=" for mark, _ in marks):
                box = Box("shortanswer", 1.0, [(1.0, _unescape(a).strip(), "0") for _, a in marks])
                question = Question("shortanswer", 1.0, _unescape(body), [box])
            else:
                box = Box("choice", 1.0, [(1.0 if m == "=" else 0.0, str(i), 0) for i, (m, _) in enumerate(marks)])
                question = Question("multichoice", 1.0, _unescape(body), [box])
        question.category = category
        found[_unescape(title)] = question
    return found
