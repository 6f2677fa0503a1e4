"""The progress file and the error-rate weighted choice of the next template."""
import json
from types import SimpleNamespace

import pytest

from qbank.errors import InputError
from qbank.practice import progress as progress_file
from qbank.practice.selection import choose, error_rate, weights

A1, A2 = SimpleNamespace(id="t/a1", topic="a"), SimpleNamespace(id="t/a2", topic="a")
B1 = SimpleNamespace(id="t/b1", topic="b")


def test_default_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert progress_file.default_path() == tmp_path / "qbank" / "progress.json"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress_file.default_path() == tmp_path / ".local" / "share" / "qbank" / "progress.json"


def test_record_save_and_reload(tmp_path):
    path = tmp_path / "deep" / "dir" / "progress.json"
    record = progress_file.load(path)
    record.record(A1, all_right=True)
    record.record(A1, all_right=False)
    record.best_streak = 1
    record.save()
    again = progress_file.load(path)
    assert again.templates == {"t/a1": {"topic": "a", "attempts": 2, "wrong": 1}}
    assert (again.answered, again.correct, again.best_streak) == (2, 1, 1)
    assert [p.name for p in path.parent.iterdir()] == ["progress.json"]  # no temporary file left behind


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    record = progress_file.load(path)
    record.record(A1, all_right=True)
    record.save()
    before = path.read_text()
    record.record(B1, all_right=False)
    monkeypatch.setattr(progress_file.json, "dump", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(InputError, match="progress.json: cannot save the progress \\(disk full\\)"):
        record.save()
    assert path.read_text() == before and [p.name for p in tmp_path.iterdir()] == ["progress.json"]


def test_a_place_that_cannot_hold_the_file_is_an_input_error(tmp_path):
    (tmp_path / "a-file").write_text("")
    record = progress_file.load(tmp_path / "a-file" / "progress.json")  # its directory would be a file
    with pytest.raises(InputError, match="cannot save the progress"):
        record.save()


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a readable progress file"),
    ("[1, 2]", "not a qbank progress file"),
    (json.dumps({"version": 1, "templates": {"t/a1": {"topic": "a"}}}), "bad entry"),
    (json.dumps({"version": 1, "templates": {}, "answered": "many"}), "answered must be a whole number"),
    (json.dumps({"version": 1, "templates": {}, "best_streak": [3]}), "best_streak must be a whole number"),
])
def test_a_foreign_or_broken_file_is_refused_not_overwritten(tmp_path, content, message):
    path = tmp_path / "progress.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        progress_file.load(path)
    assert path.read_text() == content


def test_error_rate_is_laplace_rule_of_succession():
    # (wrong + 1) / (attempts + 2): untried 1/2, 3 wrong of 3 -> 4/5, 0 wrong of 10 -> 1/12
    assert (error_rate(0, 0), error_rate(3, 3), error_rate(10, 0)) == (0.5, 0.8, 1 / 12)


def test_weights_average_the_template_and_its_topic(tmp_path):
    record = progress_file.Progress(tmp_path / "p.json", {"t/a1": {"topic": "a", "attempts": 3, "wrong": 3}})
    # a1: template 4/5, topic a 4/5 -> 0.8; a2: untried 1/2, topic a 4/5 -> 0.65; b1: untried everything -> 0.5
    assert weights([A1, A2, B1], record).tolist() == pytest.approx([0.8, 0.65, 0.5])


def test_choice_is_reproducible_prefers_weak_topics_and_avoids_repeats(tmp_path):
    record = progress_file.Progress(tmp_path / "p.json", {
        "t/a1": {"topic": "a", "attempts": 20, "wrong": 20}, "t/b1": {"topic": "b", "attempts": 20, "wrong": 0}})
    draws = [choose([A1, A2, B1], record, session_seed=9, index=i) for i in range(200)]
    assert draws == [choose([A1, A2, B1], record, session_seed=9, index=i) for i in range(200)]
    topics = [template.topic for template, _ in draws]
    # weights: a1 21/22, a2 (1/2 + 21/22)/2 ~ 0.73, b1 1/22: b is drawn about 3% of the time
    assert topics.count("a") > 180
    assert len({seed for _, seed in draws}) == 200  # every question its own seed
    assert all(choose([A1, B1], record, 9, i, previous="t/a1")[0] is B1 for i in range(20))
