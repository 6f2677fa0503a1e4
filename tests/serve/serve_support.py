"""Helpers for the class-server tests: a course file, databases, roster links, a real `qbank serve` subprocess.

PostgreSQL: QBANK_TEST_PG_URL, else the role and database setup.sh makes; each
test gets a fresh database, dropped afterwards, and skips, saying why, when no
server can be reached.
"""
from __future__ import annotations

import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"
PG_URL = os.environ.get("QBANK_TEST_PG_URL", "postgresql+psycopg://qbank:qbank@127.0.0.1:5432/qbank_test")

COURSE = """\
course: test-course
title: Test course
templates: [{templates}]
assignments:
  - id: hw
    title: Homework
    due: {due}
    attempts: 2
    solutions: after_due
    questions:
      - serve/sum
      - serve/matrix
      - serve/secret
  - id: quiz
    title: Quiz
    due: {due}
    attempts: 1
    new_variant: false
    solutions: after_last_attempt
    questions:
      - {{id: serve/sum, points: 5}}
"""
ROSTER = "id,name,email,role\ns1,Ada Lovelace,ada@example.org,\ns2,Alan Turing,alan@example.org,\n" \
         "prof,Grace Hopper,grace@example.org,instructor\n"


def write_course(path: Path, due: str = "2099-01-01T00:00:00Z") -> Path:
    path.write_text(COURSE.format(templates=FIXTURES, due=due), encoding="utf-8")
    return path


def postgres_database():
    """A fresh database on the test server: (its URL, a function that drops it); skips when unreachable."""
    try:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = f"qbank_t_{secrets.token_hex(6)}"
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means: skip, saying why
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} (bash setup.sh installs and starts it): "
                    f"{str(exc).splitlines()[0][:160]}")

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    return PG_URL.rsplit("/", 1)[0] + "/" + name, drop

def roster_links(course: Path, db_url: str, tmp_path: Path) -> dict:
    """Import ROSTER through the command line (in this process); student id -> sign-in token."""
    from click.testing import CliRunner

    from qbank.cli import main

    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "links.csv"
    run = CliRunner().invoke(main, ["roster", str(course), str(tmp_path / "roster.csv"), "--db", db_url, "--out", str(out)])
    assert run.exit_code == 0, run.output
    with out.open(encoding="utf-8") as handle:
        return {row["id"]: row["link"].rsplit("/", 1)[1] for row in csv.DictReader(handle)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

class Server:
    """`qbank serve` in a subprocess on 127.0.0.1 (a random free port); start, stop, start again."""

    def __init__(self, course: Path, db_url: str, workers: int = 1):
        self.course, self.db_url, self.workers, self.process = course, db_url, workers, None
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        self.log = tempfile.TemporaryFile("w+")  # a file, not a pipe: nobody reads the log while it runs
        self.process = subprocess.Popen([sys.executable, "-m", "qbank", "serve", str(self.course), "--db", self.db_url,
                                         "--port", str(self.port), "--workers", str(self.workers)],
                                        stdout=self.log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise AssertionError(f"qbank serve exited: {self.log.read()}")
            try:
                if httpx.get(self.base + "/api/me", timeout=1).status_code == 401:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError("qbank serve did not answer within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def client(self, token: str | None = None, bearer: bool = True) -> "httpx.Client":
        headers = {"Authorization": f"Bearer {token}"} if token and bearer else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=30)
