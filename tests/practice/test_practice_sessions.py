"""Server-side state: the bounded session store, request activity, the pool of prepared questions, the CLI."""
import pytest

from qbank.cli import main
from qbank.practice.activity import Activity
from qbank.practice.pool import QuestionPool
from qbank.practice.sessions import SessionStore


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_tokens_are_long_random_and_distinct():
    store = SessionStore()
    tokens = {store.add(i) for i in range(1000)}
    assert len(tokens) == 1000 and all(len(t) >= 22 for t in tokens)  # 16 random bytes, base64: 22 characters


def test_least_recently_used_entries_go_first():
    store = SessionStore(capacity=2)
    first, second = store.add("first"), store.add("second")
    assert store.get(first) == "first"  # first is now the most recently used
    store.add("third")
    assert store.get(second) is None and store.get(first) == "first" and len(store) == 2


def test_entries_expire_after_the_ttl():
    clock = Clock()
    store = SessionStore(ttl=60, clock=clock)
    token = store.add("q")
    clock.now = 59
    assert store.get(token) == "q"  # a use renews it
    clock.now = 59 + 61
    assert store.get(token) is None
    with pytest.raises(ValueError):
        SessionStore(capacity=0)


def test_activity_is_idle_only_after_a_quiet_moment():
    clock = Clock()
    activity = Activity(quiet=0.02, clock=clock)
    assert activity.idle()
    with activity:
        assert not activity.idle()
    assert not activity.idle()  # just finished
    clock.now += 0.02
    assert activity.idle()


def test_pool_fills_and_hands_out_ready_questions(drill_templates):
    templates = [drill_templates["drill/sum"], drill_templates["drill/difference"]]
    quiet = [True]
    pool = QuestionPool(templates, depth=2, idle=lambda: quiet[0])
    try:
        assert pool.wait_full(timeout=60)
        quiet[0] = False  # busy from now on: no refills, so the four taken are the four prepared
        taken = [pool.take(templates) for _ in range(4)]
        assert sorted(p.instance.template.id for p in taken) == ["drill/difference"] * 2 + ["drill/sum"] * 2
        assert len({p.instance.seed for p in taken}) == 4
        assert pool.take([templates[0]]).instance.template.id == "drill/sum"  # made on the spot if none is ready
    finally:
        pool.stop()


def test_pool_waits_while_requests_are_in_flight(drill_templates):
    pool = QuestionPool([drill_templates["drill/sum"]], depth=1, idle=lambda: False)
    try:
        assert not pool.wait_full(timeout=0.3)
    finally:
        pool.stop()


def test_cli_rejects_an_unknown_topic_with_exit_code_2(runner):
    result = runner.invoke(main, ["practice", "--topic", "astrology", "--count", "1"])
    assert result.exit_code == 2 and "unknown topic 'astrology'" in result.output


def test_cli_reports_a_broken_progress_file(runner, tmp_path):
    broken = tmp_path / "p.json"
    broken.write_text("{")
    result = runner.invoke(main, ["practice", "--progress", str(broken), "--count", "1"])
    assert result.exit_code == 2 and "not a readable progress file" in result.output


def broken_template():
    """A template whose question file is missing: it registers nowhere and fails when rendered."""
    from qbank.engine.template import Template

    return Template(id="broken/missing-file", fn=lambda rng: ({}, {"x": 1}), topic="alpha", points=1,
                    question="no-such-file.tex.j2", solution="")


def test_a_broken_template_is_left_out_of_the_pool(drill_templates, caplog):
    good, broken = drill_templates["drill/sum"], broken_template()
    pool = QuestionPool([broken, good], depth=0)
    try:
        assert all(pool.take([broken, good]).instance.template is good for _ in range(5))
        with pytest.raises(LookupError):
            pool.take([broken])
        assert "broken/missing-file" in caplog.text
    finally:
        pool.stop()


def test_the_page_answers_503_when_no_template_can_be_prepared(serve):
    from practice_support import Client

    app, port = serve([broken_template()], pool_depth=1)
    status, data = Client(port).json("POST", "/api/question", {})
    assert status == 503 and "can be prepared" in data["error"]


def test_the_drill_skips_a_broken_template(drill_templates, tmp_path):
    from qbank.practice.progress import Progress
    from qbank.practice.selection import choose
    from qbank.practice.terminal import Drill

    templates, record, lines = [broken_template(), drill_templates["drill/sum"]], Progress(tmp_path / "p.json"), []
    seed = next(s for s in range(100) if choose(templates, record, s, 0)[0] is templates[0])  # broken drawn first

    def end_of_input(prompt):
        raise EOFError

    Drill(templates, record, seed=seed, read=end_of_input, write=lines.append).run()
    shown = "\n".join(lines)
    assert "Skipping broken/missing-file: template broken/missing-file: question file" in shown
    assert "=== Question 1: Add two digits" in shown and "Stopping." in shown


def test_the_drill_skips_a_template_that_raises_and_stops_in_one_line_when_none_is_left(drill_templates, tmp_path):
    from qbank.engine.template import Template
    from qbank.errors import InputError
    from qbank.practice.progress import Progress
    from qbank.practice.terminal import Drill

    from qbank.practice.selection import choose

    raising = Template(id="broken/raises", fn=lambda rng: ({}, {"x": 1 / 0}), topic="alpha", points=1,
                       question="Nothing.", solution="")
    templates, record, lines = [raising, drill_templates["drill/sum"]], Progress(tmp_path / "p.json"), []
    seed = next(s for s in range(100) if choose(templates, record, s, 0)[0] is raising)  # drawn first

    def end_of_input(prompt):
        raise EOFError

    Drill(templates, record, seed=seed, read=end_of_input, write=lines.append).run()
    assert "Skipping broken/raises: ZeroDivisionError: division by zero" in lines
    assert "=== Question 1: Add two digits" in "\n".join(lines)
    with pytest.raises(InputError, match="no template left to practise; the last failed: ZeroDivisionError"):
        Drill([raising], Progress(tmp_path / "q.json"), seed=0, read=end_of_input, write=lines.append).run()
