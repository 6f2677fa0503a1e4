"""End to end: `qbank demo` compiles three versions; pdftotext reads the PDFs back."""
import json
import re
import shutil
import subprocess
from collections import Counter

import pytest

from qbank.cli import main
from qbank.engine.numbers import plain

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("pdftotext")),
                                                   reason="needs pdflatex and pdftotext")]


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"(?<=\d),(?=\d{3})", "", text.replace("\u2212", "-"))  # 12{,}096 prints as 12,096


def number_tokens(text) -> Counter:
    return Counter(re.findall(r"-?\d+(?:\.\d+)?", text))


def param_numbers(value):
    """Every number in a parameter (nested lists included), as the exam prints it."""
    if isinstance(value, list):
        return [n for item in value for n in param_numbers(item)]
    return [plain(value)] if isinstance(value, (int, float)) and not isinstance(value, bool) else []


def squashed(text) -> str:
    return re.sub(r"[\s\-]", "", text)  # pdftotext rejoins hyphenated line ends without the hyphen


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo"
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    key = json.loads((out / "key.json").read_text())
    texts = {(kind, v["version"]): pdf_text(out / f"{kind}_{v['version']}.pdf")
             for kind in ("exam", "solutions") for v in key["versions"]}
    return out, key, texts


def test_every_pdf_is_written(demo):
    out, key, _ = demo
    names = {p.name for p in out.iterdir()}
    assert {f"{kind}_{letter}.pdf" for kind in ("exam", "solutions") for letter in "ABC"} <= names
    assert "all_versions.pdf" in names and "manifest.json" in names


def test_each_version_prints_its_own_numbers(demo):
    _, key, texts = demo
    for version in key["versions"]:
        tokens = number_tokens(texts["exam", version["version"]])
        for q in version["questions"]:
            if q["kind"] == "numeric":
                wanted = Counter(n for value in q["params"].values() for n in param_numbers(value))
                assert not wanted - tokens, (version["version"], q["id"], wanted - tokens)


def test_solutions_are_in_the_solution_copy_only(demo):
    _, key, texts = demo
    for version in key["versions"]:
        exam, solutions = texts["exam", version["version"]], texts["solutions", version["version"]]
        assert "Solution." in solutions and "Solution." not in exam
        key_line = re.compile(r"\bKey( \(\w+\))?:")
        assert key_line.search(solutions) and not key_line.search(exam)
        solution_tokens = number_tokens(solutions)
        for q in version["questions"]:
            for part in q["parts"]:
                if part["kind"] in ("integer", "real"):
                    assert solution_tokens[part["text"]], (q["id"], part["name"], part["text"])
                if part["kind"] == "text":  # a model answer: its opening words, before any math
                    opening = squashed(re.split(r"[$\\]", part["value"])[0][:40])
                    assert opening in squashed(solutions) and opening not in squashed(exam), q["id"]


def test_versions_differ(demo):
    _, key, texts = demo
    exams = [texts["exam", letter] for letter in "ABC"]
    assert len(set(exams)) == 3
    for position in range(len(key["versions"][0]["questions"])):
        shown = [(v["questions"][position]["id"], json.dumps(v["questions"][position]["params"]))
                 for v in key["versions"]]
        if shown[0][1] != "{}":  # a question that draws nothing cannot differ
            assert len(set(shown)) == 3, shown
