"""Fixtures for the practice tests: the drill templates, a practice server on loopback, an HTTP client."""
import runpy
import threading
from pathlib import Path

import pytest

from qbank.engine.loader import load_builtins
from qbank.engine.template import REGISTRY, get

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"


@pytest.fixture(scope="session")
def drill_templates():
    """The drill templates, registered for the session and removed afterwards so later tests never see them."""
    load_builtins()
    runpy.run_path(str(FIXTURES / "drill.py"))  # registers them, as `--templates DIR` would
    ids = ("drill/sum", "drill/difference", "drill/transpose", "drill/secret")
    yield {tid: get(tid) for tid in ids}
    for tid in ids:
        REGISTRY.pop(tid, None)


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
