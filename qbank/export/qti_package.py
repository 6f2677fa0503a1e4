"""The Canvas-importable QTI 1.2 zip: imsmanifest.xml, the assessment, and Canvas's assessment_meta.xml.

Layout as Canvas exports a classic quiz (and text2qti writes one): `<id>/<id>.xml`
(the questestinterop assessment) and `<id>/assessment_meta.xml` (title, points,
no answer shuffling: positions were balanced at assembly), both listed in the IMS
content-packaging manifest. Identifiers are hashes of the exam and slot names and
zip entries carry a fixed date, so the same draw gives the same bytes.
"""
from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile

from qbank.export.blanks import number_text
from qbank.export.items import grouped
from qbank.export.qti import item, written_item

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
_DATE = (2000, 1, 1, 0, 0, 0)


def ident(*keys) -> str:
    """A stable XML identifier from `keys`."""
    return "g" + hashlib.sha256("\x1f".join(map(str, keys)).encode()).hexdigest()[:24]


def assessment_xml(exam: str, title: str, questions, picks: dict) -> str:
    """The questestinterop document: one section per slot drawing `picks[slot]` of its items."""
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=ident(exam), title=title)
    top = ET.SubElement(assessment, "section", ident="root_section")
    for slot, variants in grouped(questions).items():
        _group(top, exam, slot, variants, picks[slot], item)
        written = [q for q in variants if q.auto_parts and q.person_parts]
        if written:
            _group(top, exam, f"{slot}-written", written, picks[slot], written_item)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _group(top, exam, slot, variants, pick, write):
    section = ET.SubElement(top, "section", ident=ident(exam, slot), title=slot)
    selection = ET.SubElement(ET.SubElement(section, "selection_ordering"), "selection")
    ET.SubElement(selection, "selection_number").text = str(pick)
    points = number_text(float(_item_points(variants[0], write)))
    ET.SubElement(ET.SubElement(selection, "selection_extension"), "points_per_item").text = points
    for q in variants:
        write(section, q, ident(exam, slot, q.version, q.number))


def _item_points(q, write) -> float:
    """A mixed question's points are split between its auto-graded item and its written one."""
    if write is written_item:
        return sum(p.points for p in q.person_parts)
    return sum(p.points for p in q.auto_parts) if q.auto_parts and q.person_parts else q.points


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
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def meta_xml(quiz_id: str, title: str, points: float) -> str:
    """Canvas's assessment_meta.xml: title, total points, one attempt, answers in our (balanced) order."""
    root = ET.Element("quiz", identifier=quiz_id, xmlns=CANVAS_NS)
    for tag, value in (("title", title), ("description", ""), ("shuffle_answers", "false"),
                       ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
                       ("points_possible", number_text(float(points))), ("allowed_attempts", "1")):
        ET.SubElement(root, tag).text = value
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


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
