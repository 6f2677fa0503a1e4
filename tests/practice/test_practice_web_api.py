"""The practice server over real HTTP on loopback: checking answers, and every kind of bad request."""
import json

import pytest

from qbank.engine.template import all_templates
from practice_support import Client, key_answers


@pytest.fixture
def client(serve, drill_templates):
    app, port = serve(list(drill_templates.values()), pool_depth=1)
    client = Client(port)
    yield app, client
    client.close()


def test_topics_and_headers(client):
    app, http = client
    response, payload = http.request("GET", "/api/topics")
    assert response.status == 200
    assert response.getheader("Content-Security-Policy").startswith("default-src 'none'")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert [t["name"] for t in json.loads(payload)["topics"]] == ["alpha", "beta", "secret"]


def test_right_wrong_and_unreadable_answers(client):
    app, http = client
    status, question = http.json("POST", "/api/question", {"topics": ["alpha"]})
    assert status == 200 and question["topic"] == "alpha" and len(question["token"]) >= 22
    prepared = app.sessions.get(question["token"])  # the test may look inside the server; the page cannot
    (part,) = prepared.instance.parts
    status, result = http.json("POST", "/api/answer", {"token": question["token"], "answers": {part.name: "x/"}})
    assert status == 200 and result["status"] == "invalid" and set(result) == {"status", "errors", "states"}
    assert result["states"] == {part.name: "unreadable"} and result["errors"][part.name].startswith("cannot read 'x/'")
    status, result = http.json("POST", "/api/answer", {"token": question["token"],
                                                       "answers": {part.name: str(part.value + 1)}})
    assert result["status"] == "checked" and not result["all_right"]
    assert result["parts"][0]["state"] == "wrong" and result["parts"][0]["key_text"] == str(part.value)
    status, result = http.json("POST", "/api/answer", {"token": question["token"], "answers": key_answers(prepared)})
    assert result["all_right"] and result["parts"][0]["state"] == "right"


def test_text_parts_are_self_assessed_and_reveal_counts_blanks_wrong(client):
    app, http = client
    status, question = http.json("POST", "/api/question", {"topics": ["beta"]})
    status, result = http.json("POST", "/api/answer", {"token": question["token"], "answers": {}, "reveal": True})
    assert {p["name"]: p["state"] for p in result["parts"]} == {"mt": "blank", "why": "pending"}
    assert "Transposing twice" in result["parts"][1]["key"] and "Rows become columns" in result["solution"]


@pytest.mark.parametrize("method, path, body, headers, status", [
    ("GET", "/nope", None, {}, 404),
    ("GET", "/../pyproject.toml", None, {}, 404),
    ("GET", "/katex/../../http_handler.py", None, {}, 404),
    ("GET", "/katex/fonts/../../../server.py", None, {}, 404),
    ("GET", "/%2e%2e/%2e%2e/pyproject.toml", None, {}, 404),
    ("GET", "/api/question", None, {}, 405),
    ("POST", "/api/nope", b"{}", {"Content-Type": "application/json"}, 404),
    ("POST", "/api/question", b"topics=all", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ("POST", "/api/question", b"{not json", {"Content-Type": "application/json"}, 400),
    ("POST", "/api/question", b"[1, 2]", {"Content-Type": "application/json"}, 400),
    ("POST", "/api/question", b'{"topics": "alpha"}', {"Content-Type": "application/json"}, 400),
    ("POST", "/api/question", b'{"topics": ["gamma"]}', {"Content-Type": "application/json"}, 400),
    ("POST", "/api/answer", b'{"token": "no-such-token", "answers": {}}', {"Content-Type": "application/json"}, 404),
    ("POST", "/api/answer", b'{"token": 5}', {"Content-Type": "application/json"}, 400),
    ("POST", "/api/answer", b'{"token": "t", "answers": {"a": 1}}', {"Content-Type": "application/json"}, 400),
    ("POST", "/api/question", b"{}", {"Content-Type": "application/json", "Host": "attacker.example"}, 403),
    ("PUT", "/api/question", b"{}", {"Content-Type": "application/json"}, 501),
])
def test_bad_requests_get_a_json_error_and_no_traceback(client, method, path, body, headers, status):
    app, http = client
    response, payload = http.request(method, path, raw=body, headers=headers)
    assert response.status == status
    assert response.getheader("Content-Type").startswith("application/json")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert b'"error"' in payload and b"Traceback" not in payload


def test_oversized_body_is_refused_before_reading(client):
    app, http = client
    response, payload = http.request("POST", "/api/question", raw=b"{" + b" " * (64 * 1024) + b"}",
                                     headers={"Content-Type": "application/json"})
    assert response.status == 413 and b"65536" in payload


def test_internal_errors_are_logged_not_sent(client, monkeypatch, caplog):
    app, http = client
    monkeypatch.setattr(app, "new_question", lambda body: 1 / 0)
    status, data = http.json("POST", "/api/question", {})
    assert status == 500 and data == {"error": "internal error; the server log has the details"}
    assert "ZeroDivisionError" in caplog.text


def test_sessions_are_bounded(serve, drill_templates):
    from qbank.practice.sessions import SessionStore

    app, port = serve(list(drill_templates.values()), pool_depth=1, sessions=SessionStore(capacity=3))
    http = Client(port)
    tokens = [http.json("POST", "/api/question", {})[1]["token"] for _ in range(5)]
    assert len(app.sessions) == 3
    assert http.json("POST", "/api/answer", {"token": tokens[0], "answers": {}})[0] == 404
    assert http.json("POST", "/api/answer", {"token": tokens[-1], "answers": {}})[0] == 200


def test_every_template_round_trips_its_key_through_the_page_api(serve):
    """Typing back the key text the page shows is graded right, for every built-in template."""
    templates = all_templates()
    app, port = serve(templates, pool_depth=0)
    http = Client(port)
    for template in templates:
        prepared = app.pool.take([template])
        token = app.sessions.add(prepared)
        status, result = http.json("POST", "/api/answer", {"token": token, "answers": key_answers(prepared)})
        assert status == 200 and result["all_right"], (template.id, result)
