"""The page keeps a progress file as the drill does: checked questions are recorded once, the score survives a
reload, the options that only the drill can honour are refused with --web, and no JSON body is a 500."""
import json
import re
import signal
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_support import Client, key_answers
from qbank.cli import main
from qbank.practice import progress as progress_file
from qbank.practice.web_app import ApiError

DRILL_DIR = "tests/practice/fixtures/templates"


def ask(http, topic):
    status, question = http.json("POST", "/api/question", {"topics": [topic]})
    assert status == 200
    return question["token"]


def test_checked_questions_go_into_the_progress_file_once_and_the_score_survives_a_reload(serve, drill_templates,
                                                                                          tmp_path):
    record = progress_file.load(tmp_path / "p.json")
    app, port = serve([drill_templates["drill/sum"], drill_templates["drill/transpose"]], pool_depth=1,
                      progress=record)
    http = Client(port)
    token = ask(http, "alpha")
    right = key_answers(app.sessions.get(token))
    status, result = http.json("POST", "/api/answer", {"token": token, "answers": right})
    assert result["progress"] == {"answered": 1, "correct": 1, "streak": 1, "best_streak": 1}
    http.json("POST", "/api/answer", {"token": token, "answers": right, "reveal": True})  # the same question again
    assert app.record.flush()
    saved = json.loads((tmp_path / "p.json").read_text())
    assert (saved["answered"], saved["correct"], saved["best_streak"]) == (1, 1, 1)
    assert saved["templates"]["drill/sum"] == {"topic": "alpha", "attempts": 1, "wrong": 0}

    # a question with a part the student compares with the model answer counts once they have marked it
    token = ask(http, "beta")
    status, result = http.json("POST", "/api/answer", {"token": token, "answers": key_answers(app.sessions.get(token))})
    assert [p["state"] for p in result["parts"]] == ["right", "pending"] and result["progress"]["answered"] == 1
    assert http.json("POST", "/api/marks", {"token": token, "right": False})[1]["progress"] == {
        "answered": 2, "correct": 1, "streak": 0, "best_streak": 1}
    assert http.json("POST", "/api/marks", {"token": token, "right": True})[1]["progress"]["answered"] == 2  # once
    assert http.json("POST", "/api/marks", {"token": ask(http, "beta"), "right": True})[0] == 409  # not checked yet

    reloaded = Client(port)  # the page loaded again: it asks for the score
    assert reloaded.json("GET", "/api/progress")[1]["progress"] == {"answered": 2, "correct": 1, "streak": 0,
                                                                    "best_streak": 1}
    assert app.record.flush()
    assert json.loads((tmp_path / "p.json").read_text())["templates"]["drill/transpose"]["wrong"] == 1


@pytest.mark.parametrize("option", [["--seed", "3"], ["--count", "2"]])
def test_drill_only_options_are_refused_with_web(runner, option):
    result = runner.invoke(main, ["practice", "--web", *option])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{option[0]} applies to the terminal drill only" in result.output


def test_web_mode_records_into_the_progress_file_it_is_given(tmp_path):
    """qbank practice --web --progress FILE as a student starts it: an answer over HTTP lands in FILE."""
    path = tmp_path / "web-progress.json"
    server = subprocess.Popen([sys.executable, "-m", "qbank", "practice", "--web", "--port", "0", "--templates",
                               DRILL_DIR, "--topic", "alpha", "--progress", str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first = server.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", first).group(1))
        assert f"recorded in {path}" in server.stdout.readline()
        http = Client(port)
        token = ask(http, "alpha")
        http.json("POST", "/api/answer", {"token": token, "answers": {}, "reveal": True})
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: the server writes what is left and stops
        server.wait(timeout=30)
    assert json.loads(path.read_text())["answered"] == 1


@pytest.mark.parametrize("body", [b"[" * 30_000 + b"]" * 30_000, b'{"token": ' + b"9" * 5000 + b"}",
                                  b'{"answers": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}"])
def test_json_that_nests_too_deeply_or_holds_huge_numbers_is_a_400(serve, drill_templates, body):
    app, port = serve(list(drill_templates.values()), pool_depth=1)
    response, payload = Client(port).request("POST", "/api/answer", raw=body,
                                             headers={"Content-Type": "application/json"})
    assert response.status == 400 and b"Traceback" not in payload


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
FIELDS = st.sampled_from(["token", "answers", "reveal", "topics", "template", "right"])


def test_no_body_of_any_shape_is_an_internal_error(drill_templates):
    """Every endpoint answers any JSON object with its result or an ApiError (4xx, 503): never a 500. (A body
    that is not an object is refused by the handler before any endpoint.)"""
    from qbank.practice.web_app import PracticeApp

    app = PracticeApp(list(drill_templates.values()), pool_depth=0)
    token = app.new_question({})["token"]

    @settings(max_examples=120, deadline=None)
    @given(body=st.dictionaries(FIELDS, JSON | st.just(token)))
    def every_endpoint(body):
        for endpoint in (app.new_question, app.answer, app.marks, app.progress):
            try:
                endpoint(body)
            except ApiError as exc:
                assert 400 <= exc.status < 600 and exc.status != 500

    try:
        every_endpoint()
    finally:
        app.close()
