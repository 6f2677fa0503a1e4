"""Exports are written fast and the same: forked or in one process, XML by xml_text or by ElementTree."""
import io
import os
import pickle
import xml.etree.ElementTree as ET
import zipfile

import pytest

from qbank.exam.assemble import assemble
from qbank.exam.spec import parse
from qbank.export import render
from qbank.export.items import FORK_FROM, lms_questions
from qbank.export.xml_pieces import document, placeholder
from qbank.export.xml_text import HEADER, xml_file, xml_text

from lms_spec import SPEC


def test_questions_come_back_from_a_worker_whole(drawn):
    # fork_map quietly redoes the work in this process when a result does not pickle: they all must
    spec, versions = drawn
    questions = lms_questions(spec, versions)
    assert pickle.loads(pickle.dumps(questions)) == questions


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """(spec, versions) of the LMS test exam in 15 versions: 105 questions, enough to render them in workers."""
    path = tmp_path_factory.mktemp("many") / "lms-test.yaml"
    path.write_text(SPEC, encoding="utf-8")
    spec = parse(path, versions=15)
    versions = assemble(spec)
    assert sum(len(s.questions) for v in versions for s in v.sections) >= FORK_FROM
    return spec, versions


@pytest.mark.parametrize("fmt", ["moodle", "qti", "gift"])
def test_two_workers_and_one_process_write_the_same_bytes(many, monkeypatch, fmt):
    spec, versions = many
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    forked = render(spec, versions, fmt)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert render(spec, versions, fmt) == forked


def _document(pieces=None):
    """A document with text and attributes to escape, blank and non-blank text and tails, subtrees at depths 1 and 2,
    one without children, and last children; built whole, or (given `pieces`) with its questions and items written
    as pieces into that list."""
    def add(parent, element, depth):
        if pieces is None:
            parent.append(element)
        else:
            placeholder(parent, len(pieces))
            pieces.append(xml_text(element, depth))

    root = ET.Element("quiz", name='a "b" & <c>\n')
    ET.SubElement(root, "category").text = "x < y"
    for n in range(2):
        question = ET.Element("question", n=str(n))
        ET.SubElement(ET.SubElement(question, "text"), "p").text = "line\nbreak & more"
        ET.SubElement(question, "empty")
        ET.SubElement(question, "blank").text = ""
        ET.SubElement(question, "spaces", note="tab\there\r").text = "  \n "  # no children: ET.indent keeps it
        mixed = ET.SubElement(question, "mixed")
        mixed.text = " \n"  # blank text before children: ET.indent replaces it
        bold = ET.SubElement(mixed, "b")
        bold.text, bold.tail = "x > 0", " and more"  # a tail with words stays
        words = ET.SubElement(question, "words")
        words.text = "kept"  # text with words before children: ET.indent keeps it
        ET.SubElement(words, "i").text = "y"
        add(root, question, 1)
    add(root, ET.Element("note", text="no children"), 1)
    group = ET.SubElement(root, "group")
    for n in range(2):
        item = ET.Element("item", n=str(n))
        ET.SubElement(item, "answer").text = str(n)
        add(group, item, 2)
    return root


def _elementtree(root) -> str:
    ET.indent(root)
    return HEADER + ET.tostring(root, encoding="unicode") + "\n"


def test_xml_text_writes_what_elementtree_writes():
    assert xml_file(_document()) == _elementtree(_document())


def test_pieces_in_a_skeleton_are_the_whole_tree_written_at_once():
    pieces = []
    skeleton = _document(pieces)
    assert len(pieces) == 5
    assert document(skeleton, pieces) == _elementtree(_document())


@pytest.mark.parametrize("fmt", ["moodle", "qti"])
def test_exported_xml_is_what_elementtree_writes(drawn, fmt):
    # read back and written again by ET.indent + ET.tostring: indentation and escaping come out the same (with
    # xmlns renamed: our trees write it as a plain attribute, ElementTree's parser would make namespaced tags of it)
    data = render(*drawn, fmt)
    archive = zipfile.ZipFile(io.BytesIO(data)) if fmt == "qti" else None
    files = [archive.read(name) for name in archive.namelist()] if archive else [data]
    assert len(files) == (3 if archive else 1)
    for text in (f.decode("utf-8").replace(" xmlns=", " plain-xmlns=") for f in files):
        assert text == _elementtree(ET.fromstring(text))
