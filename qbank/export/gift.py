r"""GIFT, Moodle's plain-text import format: `::title:: text {answers}`, one question per blank-line block.

multichoice `{=right ~wrong}`, numerical `{#value:tolerance}`, shortanswer `{=a =b}`
(shapes and exact fractions: every spelling the answer reader lists, under a line
saying which form is graded), essay `{}`. GIFT holds one answer set per question, so
a question with several parts or array entries becomes an essay that asks every part
(with its letter) and whose general feedback (`####`) gives every key: use Moodle XML
to grade those automatically. Text is HTML
(`[html]`); the characters ~ = # { } : and backslash are escaped with a backslash,
and line breaks written as \n (Moodle docs, "GIFT format").
"""
from __future__ import annotations

from html import escape

from qbank.export.blanks import EXACT_FORM, number_text
from qbank.export.items import grouped

# The backslash first, so the backslashes the later steps add stay single. One str.replace per character:
# str.translate with a mapping to strings took 80% of writing a GIFT file.
_SPECIAL = [(c, "\\" + c) for c in "\\~=#{}:"] + [("\n", "\\n"), ("\r", "")]


def gift_escape(text: str) -> str:
    """`text` with GIFT's special characters backslash-escaped and line breaks written as \\n."""
    for char, escaped in _SPECIAL:
        text = text.replace(char, escaped)
    return text


def gift(exam: str, questions) -> str:
    """The GIFT file of `questions` (LmsQuestion list) for the exam named `exam`."""
    blocks = []
    for slot, variants in grouped(questions).items():
        blocks.append(f"$CATEGORY: $course$/qbank/{exam}/{slot}")
        blocks += [_question(q) for q in variants]
    return "\n\n".join(blocks) + "\n"


def _question(q) -> str:
    parts = q.auto_parts
    head = f"::{gift_escape(q.name)}::[html]"
    if q.options_html:
        options = " ".join(("=" if i == q.correct else "~") + gift_escape(o) for i, o in enumerate(q.options_html))
        return f"{head}{gift_escape(q.stem_html)} {{{options} ####{gift_escape(q.solution_html)}}}"
    if len(q.parts) == 1 and parts and len(parts[0].boxes) == 1:
        part, blank = parts[0], parts[0].boxes[0]
        form = f"<p><em>{EXACT_FORM}</em></p>" if blank.exact else ""
        text = gift_escape(q.stem_html + (f"<p>{part.prompt_html}</p>" if part.prompt_html else "") + form)
        if blank.number:
            answer = f"#{number_text(blank.value)}:{number_text(blank.tolerance)}"
        else:
            answer = " ".join("=" + gift_escape(spelling) for spelling in blank.accepted)
        return f"{head}{text} {{{answer} ####{gift_escape(q.solution_html)}}}"
    asks = "".join(f"<p>{p.heading_html}</p>" for p in q.parts if len(q.parts) > 1 or p.prompt_html)
    keys = "".join(f"<p><strong>{escape(p.label)}:</strong> {escape(p.key_text) if p.boxes else p.key_html}</p>"
                   for p in q.parts)
    return f"{head}{gift_escape(q.stem_html + asks)} {{####{gift_escape(keys + q.solution_html)}}}"
