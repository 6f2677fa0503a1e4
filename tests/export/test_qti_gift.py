"""QTI zip and GIFT read back: item types, exact integers, Canvas ranges around every key, escaping."""
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from hypothesis import given, strategies as st

from qbank.exam.assemble import assemble
from qbank.exam.spec import parse
from qbank.export import render
from qbank.export.gift import gift, gift_escape
from qbank.paths import data_dir

import lms_grader
from keycheck import auto_parts, entries, person_parts, questions_and_keys

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def qti_items(spec, versions):
    archive = zipfile.ZipFile(io.BytesIO(render(spec, versions, "qti")))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [f.get("href") for f in manifest.iter("{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}file")]
    assert sorted(hrefs) == sorted(n for n in archive.namelist() if n != "imsmanifest.xml")
    assessment = ET.fromstring(archive.read(next(h for h in hrefs if not h.endswith("assessment_meta.xml"))))
    items = {}
    for section in assessment.iterfind(".//q:section/q:section", NS):
        assert section.findtext("q:selection_ordering/q:selection/q:selection_number", namespaces=NS) == "1"
        for item in section.iterfind("q:item", NS):
            items[item.get("title")] = (section.get("title"), item)
    return items


def _qtype(item):
    fields = {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
              for f in item.iterfind(".//q:qtimetadatafield", NS)}
    return fields["question_type"], float(fields["points_possible"])


@pytest.mark.parametrize("demo", [False, True])
def test_qti_round_trip(drawn, demo):
    spec, versions = drawn
    if demo:
        spec = parse(data_dir("banks") / "demo-final.yaml", versions=2)
        versions = assemble(spec)
    items = qti_items(spec, versions)
    for q, key in questions_and_keys(spec, versions):
        slot, item = items[q.name]
        assert slot == q.slot
        qtype, points = _qtype(item)
        conditions = item.find("q:resprocessing", NS)
        if key["kind"] == "choice":
            assert qtype == "multiple_choice_question" and points == key["points"]
            right = conditions.findtext(".//q:varequal", namespaces=NS)
            labels = [r.get("ident") for r in item.iterfind(".//q:response_label", NS)]
            assert labels.index(right) == key["parts"][0]["value"]
        elif not auto_parts(key) or person_parts(key):
            assert qtype == "essay_question" and points == key["points"]  # written parts travel with the question
        elif len(key["parts"]) == 1 and len(entries(key["parts"][0])) == 1 and entries(key["parts"][0])[0][0] is not None:
            [(value, tolerance)] = entries(key["parts"][0])
            assert qtype == "numerical_question"
            exact = conditions.find(".//q:varequal", NS)
            if tolerance == 0:  # integers are exact, never imported as a range
                assert exact is not None and float(exact.text) == value
            else:
                low = float(conditions.findtext(".//q:vargte", namespaces=NS))
                high = float(conditions.findtext(".//q:varlte", namespaces=NS))
                assert low <= value - tolerance + 1e-12 and value + tolerance - 1e-12 <= high
                digits = key["parts"][0]["digits"]  # widened by the shown key's rounding and Canvas's 4th decimal
                assert high - low <= 2 * tolerance + 1.2 * 10 ** -digits + 2e-4 + 1e-12
                assert re.fullmatch(r"-?\d+(\.\d{1,4})?", f"{low:.10g}")
        else:
            assert qtype == "fill_in_multiple_blanks_question"
            blanks = item.findall(".//q:response_lid", NS)
            assert len(blanks) == sum(len(entries(p)) for p in auto_parts(key))


def gift_read(text):
    """A small GIFT reader: {title: (category, question text, answer block)} with escapes undone."""
    found, category = {}, None
    for block in text.strip().split("\n\n"):
        if block.startswith("$CATEGORY: "):
            category = block[len("$CATEGORY: "):]
            continue
        match = re.fullmatch(r"::((?:\\.|[^:\\])*)::\[html\]((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}", block, re.S)
        assert match, block[:200]
        title, body, answers = (re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), g)
                                for g in match.groups())
        found[title] = (category, body, match.group(3))
    return found


def test_gift_round_trip(drawn):
    spec, versions = drawn
    pairs = questions_and_keys(spec, versions)
    found = gift_read(gift(spec.name, [q for q, _ in pairs]))
    assert len(found) == len(pairs)
    for q, key in pairs:
        category, body, answers = found[q.name]
        assert category == f"$course$/qbank/{spec.name}/{q.slot}"
        if key["kind"] == "choice":
            marks = re.findall(r"(?<!\\)([=~])", answers.split("####")[0])
            assert marks.index("=") == key["parts"][0]["value"] and marks.count("=") == 1
        elif len(key["parts"]) == 1 and auto_parts(key) and len(entries(key["parts"][0])) == 1:
            [(value, tolerance)] = entries(key["parts"][0])
            head = answers.split("####")[0].strip()
            if value is None:
                assert ("=" + tolerance) in head
            else:
                number, _, tol = head.lstrip("#").partition(":")
                low, high = float(number) - float(tol), float(number) + float(tol)
                assert low <= value - tolerance + 1e-12 and value + tolerance - 1e-12 <= high
        else:
            assert answers.startswith("####")  # an essay with every key in its feedback
            for part in key["parts"]:
                assert part["label"] in answers
    ratio = next(body for title, (_, body, _) in found.items() if "ratio" in title)
    assert "100% &amp; #1 {braces} a\u00a0b: c = d." in ratio


def test_a_pool_of_one_template_pinned_twice_deals_by_pins(tmp_path):
    # pick 2 of [rnn/param-count (GRU), rnn/param-count (LSTM)]: dealing by template would leave one group
    # empty; by pinned parameters it is one group per cell type, each worth the pool's 4 points: 8 in all
    path = tmp_path / "dup.yaml"
    path.write_text("title: Dup\nseed: 3\nversions: 2\nparts:\n  - title: P\n    questions:\n"
                    "      - {pool: [{id: rnn/param-count, params: {cell: gru}}, {id: rnn/param-count, "
                    "params: {cell: lstm}}], pick: 2, points: 4}\n", encoding="utf-8")
    spec = parse(path)
    points, groups = lms_grader.qti(render(spec, assemble(spec), "qti"))
    assert points == 8 == sum(pick * each for _, pick, each, _ in groups) and len(groups) == 2
    cells = [{("GRU" if "GRU" in q.text else "LSTM") for q in found.values()} for _, _, _, found in groups]
    assert sorted(map(sorted, cells)) == [["GRU"], ["LSTM"]]


def test_a_pool_of_one_template_listed_twice_alike_deals_by_draw(tmp_path):
    # pick 2 of [sequences/top-p, sequences/top-p], nothing pinned: neither templates nor pins tell the two apart
    # (the second group was empty: an IndexError traceback). Each version's first draw goes to group 1 and its
    # second to group 2: 2 groups of 2 versions, 4 points each, 8 in all, every draw in exactly one group.
    path = tmp_path / "same.yaml"
    path.write_text("title: Same\nseed: 3\nversions: 2\nparts:\n  - title: P\n    questions:\n"
                    "      - {pool: [sequences/top-p, sequences/top-p], pick: 2, points: 4}\n", encoding="utf-8")
    spec = parse(path)
    points, groups = lms_grader.qti(render(spec, assemble(spec), "qti"))
    assert points == 8 == sum(pick * each for _, pick, each, _ in groups) and len(groups) == 2
    assert [len(found) for _, _, _, found in groups] == [2, 2]
    texts = [q.text for _, _, _, found in groups for q in found.values()]
    assert len(set(texts)) == 4  # four different draws, none in both groups


def test_a_template_listed_twice_beside_another_never_repeats_the_other(tmp_path):
    # pick 3 of [top-p, top-p, ctc]: each version draws top-p twice and ctc once. Dealt by draw order, a group
    # could hold version A's ctc and version B's top-p, and a student could draw ctc twice. Dealt by occurrence
    # (first top-p, second top-p, ctc), the ctc variants share one group, and each top-p group holds one draw per
    # version.
    path = tmp_path / "mixed.yaml"
    path.write_text("title: Mixed\nseed: 5\nversions: 3\nparts:\n  - title: P\n    questions:\n"
                    "      - {pool: [sequences/top-p, sequences/top-p, sequences/ctc], pick: 3, points: 4}\n",
                    encoding="utf-8")
    spec = parse(path)
    points, groups = lms_grader.qti(render(spec, assemble(spec), "qti"))
    assert points == 12 and len(groups) == 3 and [len(found) for _, _, _, found in groups] == [3, 3, 3]
    kinds = sorted(" + ".join(sorted({"CTC" if "CTC" in title else "top-p" for title in found}))
                   for _, _, _, found in groups)
    assert kinds == ["CTC", "top-p", "top-p"]  # no group mixes them


@given(st.text(alphabet="ab \\~=#{}:\n\ré&<", max_size=40))
def test_gift_escape_escapes_each_character_once(text):
    # Moodle's GIFT documentation: ~ = # { } : and the backslash are escaped with a backslash; a line break is \n
    # (a carriage return is dropped). Character by character, so an added backslash is never escaped again.
    expected = "".join("\\n" if c == "\n" else "" if c == "\r" else "\\" + c if c in "\\~=#{}:" else c for c in text)
    assert gift_escape(text) == expected
