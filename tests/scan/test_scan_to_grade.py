"""End to end: `qbank exam --sheets`, synthetic filled scans, `qbank scan`, `qbank grade`; the grade report
equals the one `qbank grade` writes from the answers the students really marked."""
import numpy as np
from synthetic import degrade, fill_page, random_answers, write_pdf
from test_scan import _expected_csv

from qbank.cli import main


def test_grades_from_scans_equal_grades_from_the_truth(built, sheet, runner, tmp_path):
    rng = np.random.default_rng(2024)
    truth = {f"5{k:05d}": (version, None) for k, version in enumerate("ABAB")}
    truth = {sid: (version, random_answers(sheet, version, sid, rng)) for sid, (version, _) in truth.items()}
    for sid, (version, answers) in truth.items():  # some right answers, so the grades are not all 0
        for part in _key_parts(built, version):
            if part["column"] in answers and rng.random() < 0.6:
                answers[part["column"]] = part["text"]
    pages = [degrade(fill_page(sheet, version, number, answers, rng), rng, upside_down=rng.random() < 0.25)
             for version, answers in truth.values() for number in (1, 2)]
    order = rng.permutation(len(pages))
    write_pdf([pages[i] for i in order[:5]], tmp_path / "scan1.pdf")
    write_pdf([pages[i] for i in order[5:]], tmp_path / "scan2.pdf")

    scanned = tmp_path / "scanned.csv"
    result = runner.invoke(main, ["scan", str(tmp_path / "scan2.pdf"), str(tmp_path / "scan1.pdf"),
                                  "--build", str(built), "--out", str(scanned)])
    assert result.exit_code == 0, result.output
    true = tmp_path / "truth.csv"
    true.write_text(_expected_csv(built, truth))
    for responses in (scanned, true):
        runner.invoke(main, ["grade", str(built / "key.json"), str(responses)])
    report = (tmp_path / "scanned-report.csv").read_text()
    assert report == (tmp_path / "truth-report.csv").read_text()
    assert (tmp_path / "scanned-report-items.csv").read_text() == (tmp_path / "truth-report-items.csv").read_text()
    assert any(line.split(",")[3] not in ("", "0") for line in report.splitlines()[1:])  # some points scored


def _key_parts(built, version):
    """The key's sheet parts of `version` with their answers as a student writes them on the grid."""
    import json

    key = json.loads((built / "key.json").read_text())
    parts = []
    for v in key["versions"]:
        if v["version"] == version:
            for q in v["questions"]:
                for part in q["parts"]:
                    if part["kind"] in ("choice", "integer", "shape", "real"):
                        text = part["text"]
                        if part["kind"] == "real":
                            text = f"{part['value']:.{part['digits']}f}"
                        parts.append({"column": f"{q['number']}.{part['name']}", "text": text.replace(" ", "")
                                      .replace(",", ", ") if part["kind"] == "shape" else text})
    return parts
