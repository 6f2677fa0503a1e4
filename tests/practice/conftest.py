"""Fixtures for the practice tests: the drill templates, a practice server on loopback, an HTTP client."""
import runpy
import threading
from pathlib import Path

import pytest

from qbank.engine.template import get

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"


@pytest.fixture
def drill_templates():
    """The drill templates, registered for one test: the autouse registry restore (tests/conftest.py),
    set up before this fixture, removes them afterwards, so no other test's sweep sees them."""
    runpy.run_path(str(FIXTURES / "drill.py"))  # registers them, as `--templates DIR` would
    ids = ("drill/sum", "drill/difference", "drill/transpose", "drill/secret")
    return {tid: get(tid) for tid in ids}


@pytest.fixture
def serve():
    """serve(templates) -> (app, port): a practice server in a thread, shut down after the test."""
    from qbank.practice.server import make_server
    from qbank.practice.web_app import PracticeApp

    started = []

    def start(templates, **app_options):
        app = PracticeApp(templates, **app_options)
        server = make_server(app, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append((server, app))
        return app, server.server_port

    yield start
    for server, app in started:
        server.shutdown()
        server.server_close()
        app.close()
