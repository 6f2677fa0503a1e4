"""Nothing the page receives before a submission contains a key or the worked solution.

The test plays the page: it loads every static file, the topics and a question,
records every response body, and searches them for the key and solution texts,
which the test reads from the server's own session store (the page cannot).
"""
import html
import json
import re

from practice_support import Client

from qbank.check.draw import is_builtin
from qbank.engine.render import render_prompt
from qbank.engine.template import all_templates
from qbank.practice.checking import hint

PUBLIC_KEYS = {"token", "id", "title", "topic", "points", "question", "parts"}
PART_KEYS = {"name", "label", "kind", "points", "prompt", "hint", "options"}
PAGE_FILES = ["/", "/app.js", "/app.css", "/katex/katex.min.js", "/katex/katex.min.css", "/api/topics"]


def test_marker_key_solution_and_model_answer_arrive_only_after_submission(serve, drill_templates):
    app, port = serve(list(drill_templates.values()), pool_depth=1)
    http = Client(port)
    for path in PAGE_FILES:
        assert http.request("GET", path)[0].status == 200
    questions = [http.json("POST", "/api/question", {"topics": ["secret"]})[1] for _ in range(5)]
    before = b"".join(http.seen).decode("utf-8")
    secrets = [str(app.sessions.get(q["token"]).instance.answers["secret"]) for q in questions]
    for marker in ["SOLUTION-MARKER", "MODEL-ANSWER-MARKER", *secrets]:
        assert marker not in before
    status, result = http.json("POST", "/api/answer", {"token": questions[0]["token"], "answers": {}, "reveal": True})
    after = json.dumps(result)
    assert "SOLUTION-MARKER" in after and "MODEL-ANSWER-MARKER" in after and secrets[0] in after  # the search works


def test_no_builtin_template_sends_its_key_before_submission(serve):
    # built-ins only: test modules elsewhere register their own templates for the whole session (some with no
    # solution text, which every response would "contain")
    templates = [t for t in all_templates() if is_builtin(t)]
    app, port = serve(templates, pool_depth=0)
    http = Client(port)
    checked = 0
    for template in templates:
        response, payload = http.request("POST", "/api/question", {"template": template.id})
        question = json.loads(payload)
        assert set(question) == PUBLIC_KEYS and all(set(p) == PART_KEYS for p in question["parts"]), template.id
        prepared = app.sessions.get(question["token"])
        # a hint is the answer type's form in words, the same for every draw, so it tells nothing of this
        # draw's key (its example may happen to equal one, as "-0.125" does for a Xavier bound): it is
        # checked to be that fixed text and left out of the search
        for part, sent_part in zip(prepared.instance.parts, question["parts"]):
            assert sent_part["hint"] == hint(prepared.instance, part), template.id
        shown = [question["question"], *(p["prompt"] for p in question["parts"])]
        sent = html.unescape(" ".join(shown))
        # every option looks alike: no marker, no attribute on an option's <li>
        assert "CorrectChoice" not in sent and not re.search(r"<li\s", question["question"]), template.id
        assert html.unescape(prepared.solution_html) not in sent, template.id
        secrets = _secrets(prepared.instance)
        checked += len(secrets)
        for secret in secrets:
            assert secret not in sent, (template.id, secret)
    assert checked > 5 * len(templates)  # the search had something to look for


def _secrets(inst):
    """Key and solution texts long enough to be telling, leaving out those the question itself states."""
    stated = " ".join([inst.render("question", mode) for mode in ("latex", "text")]
                      + [render_prompt(inst, p, mode) for p in inst.parts for mode in ("latex", "text")])
    texts = [t for p in inst.parts for t in (p.spec.text(p.value), p.spec.latex(p.value))]
    texts += [s.strip() for s in re.split(r"(?<=[.:;])\s", inst.render("solution", "latex"))]
    return [t for t in texts if len(t) >= 4 and t not in stated]
