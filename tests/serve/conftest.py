"""Fixtures for the class-server tests (helpers in serve_support.py); skipped without the serve extra."""
import pytest

pytest.importorskip("starlette", reason="qbank serve needs its extra: pip install -e '.[serve]'")
pytest.importorskip("httpx", reason="qbank serve needs its extra: pip install -e '.[serve]'")

from serve_support import Server, postgres_database, write_course  # noqa: E402


@pytest.fixture
def course_file(tmp_path):
    return write_course(tmp_path / "course.yaml")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A database URL: a SQLite file in tmp_path, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'course.sqlite3'}"
        return
    url, drop = postgres_database()
    yield url
    drop()


@pytest.fixture
def server_for():
    """server_for(course, db_url, workers=1) -> a started Server, stopped after the test."""
    started = []

    def start(course, url, workers=1):
        server = Server(course, url, workers).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()

