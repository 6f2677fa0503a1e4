"""The Canvas-importable QTI 1.2 zip: imsmanifest.xml, the assessment, and Canvas's assessment_meta.xml.

Layout as Canvas exports a classic quiz (and text2qti writes one): `<id>/<id>.xml`
(the questestinterop assessment) and `<id>/assessment_meta.xml` (title, points,
no answer shuffling: positions were balanced at assembly), both listed in the IMS
content-packaging manifest. A slot is a question group drawing one item; a pool
picking k templates is k groups, each holding every variant of its own templates, so
a student gets k different templates and never two variants of one (a Canvas group
draws its items independently). The groups' points add up to the exam's.
Identifiers are hashes of the exam and slot names and zip entries carry a fixed
date, so the same draw gives the same bytes.
"""
from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter

from qbank.exam.parallel import fork_map
from qbank.export.blanks import number_text
from qbank.export.items import FORK_FROM, grouped
from qbank.export.qti import item
from qbank.export.xml_pieces import document, placeholder
from qbank.export.xml_text import xml_file, xml_text

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
_DATE = (2000, 1, 1, 0, 0, 0)


def ident(*keys) -> str:
    """A stable XML identifier from `keys`."""
    return "g" + hashlib.sha256("\x1f".join(map(str, keys)).encode()).hexdigest()[:24]


def assessment_xml(exam: str, title: str, questions, picks: dict) -> str:
    """The questestinterop document: one group per slot, or per pick of a pool (see the module docstring).

    Items are built and written on every core, then put in place (xml_pieces).
    """
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=ident(exam), title=title)
    top = ET.SubElement(assessment, "section", ident="root_section")
    jobs = []
    for slot, variants in grouped(questions).items():
        groups = pick_groups(variants, picks[slot])
        for index, members in enumerate(groups):
            name = slot if len(groups) == 1 else f"{slot} ({index + 1} of {len(groups)})"
            section = _group(top, exam, name, members[0].points)
            for q in members:
                placeholder(section, len(jobs))
                jobs.append((q, ident(exam, name, q.version, q.number)))
    return document(root, fork_map(_written, jobs, min_items=FORK_FROM))


def pick_groups(variants, pick: int) -> list:
    """`variants` split into `pick` groups with no template in two groups (templates dealt round-robin).

    A pool listing one template twice (with different pinned parameters) and picking both
    deals its questions by pinned parameters instead, as the printed exam draws them. A pool
    listing one template twice alike asks for two draws of it: a version's first draw of it
    and its second are then dealt as two templates, so every other template still sits in
    one group only.
    """
    templates = list(dict.fromkeys(q.template_id for q in variants))
    unit = (lambda q: q.template_id) if len(templates) >= pick else (lambda q: (q.template_id, q.pins))
    if len(set(map(unit, variants))) < pick:
        unit = _by_occurrence(variants, unit)
    units = list(dict.fromkeys(unit(q) for q in variants))
    home = {key: index % pick for index, key in enumerate(units)}
    return [[q for q in variants if home[unit(q)] == index] for index in range(pick)]


def _by_occurrence(variants, unit):
    """`unit` told apart by occurrence: (unit, k) for a version's k-th question (by printed number) of that unit."""
    occurrence = {}
    for version in dict.fromkeys(q.version for q in variants):
        seen = Counter()
        for q in sorted((q for q in variants if q.version == version), key=lambda q: q.number):
            occurrence[id(q)] = seen[unit(q)]
            seen[unit(q)] += 1
    return lambda q: (unit(q), occurrence[id(q)])


def _group(top, exam, slot, points):
    """The section of one question group, drawing one item of `points`, appended to `top` (items go after)."""
    section = ET.SubElement(top, "section", ident=ident(exam, slot), title=slot)
    selection = ET.SubElement(ET.SubElement(section, "selection_ordering"), "selection")
    ET.SubElement(selection, "selection_number").text = "1"
    ET.SubElement(ET.SubElement(selection, "selection_extension"), "points_per_item").text = number_text(float(points))
    return section


def _written(job) -> str:
    return xml_text(item(*job), depth=4)  # questestinterop > assessment > section > group section > item


def manifest_xml(quiz_id: str) -> str:
    """imsmanifest.xml: the assessment and its Canvas meta file as IMS content-packaging resources."""
    root = ET.Element("manifest", identifier=f"{quiz_id}_manifest", xmlns=CP_NS)
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    quiz = ET.SubElement(resources, "resource", identifier=quiz_id, type="imsqti_xmlv1p2")
    ET.SubElement(quiz, "file", href=f"{quiz_id}/{quiz_id}.xml")
    ET.SubElement(quiz, "dependency", identifierref=f"{quiz_id}_meta")
    meta = ET.SubElement(resources, "resource", identifier=f"{quiz_id}_meta",
                         type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                         href=f"{quiz_id}/assessment_meta.xml")
    ET.SubElement(meta, "file", href=f"{quiz_id}/assessment_meta.xml")
    return xml_file(root)


def meta_xml(quiz_id: str, title: str, points: float) -> str:
    """Canvas's assessment_meta.xml: title, total points, one attempt, answers in our (balanced) order."""
    root = ET.Element("quiz", identifier=quiz_id, xmlns=CANVAS_NS)
    for tag, value in (("title", title), ("description", ""), ("shuffle_answers", "false"),
                       ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
                       ("points_possible", number_text(float(points))), ("allowed_attempts", "1")):
        ET.SubElement(root, tag).text = value
    return xml_file(root)


def qti_zip(exam: str, title: str, points: float, questions, picks: dict) -> bytes:
    """The zip's bytes."""
    quiz_id = ident(exam)
    files = {"imsmanifest.xml": manifest_xml(quiz_id),
             f"{quiz_id}/{quiz_id}.xml": assessment_xml(exam, title, questions, picks),
             f"{quiz_id}/assessment_meta.xml": meta_xml(quiz_id, title, points)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
