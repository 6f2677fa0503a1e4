"""An XML document written piece by piece, so its many subtrees are built and written on every core.

In an indented document a subtree's text depends only on its depth, and its tail
belongs to its parent's layout. So each subtree is built and written apart (in a
worker, see qbank.exam.parallel.fork_map, with xml_text at its depth), the document is
a skeleton holding a placeholder element where each subtree goes, and the pieces
replace the placeholders in the skeleton's text: the same bytes as writing the whole
tree at once. A placeholder's tag cannot occur in any other element's text, which is
escaped.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from qbank.export.xml_text import xml_file

_PLACEHOLDER = re.compile(r"<qbank-piece-(\d+) />")


def placeholder(parent, index: int) -> None:
    """Reserve the place of piece `index` as the next child of `parent`."""
    ET.SubElement(parent, f"qbank-piece-{index}")


def document(root, pieces: list) -> str:
    """The XML file of skeleton `root` with `pieces[i]` in the place of placeholder i."""
    texts = _PLACEHOLDER.split(xml_file(root))  # [text, index, text, index, ..., text]
    texts[1::2] = [pieces[int(index)] for index in texts[1::2]]
    return "".join(texts)
