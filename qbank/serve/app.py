"""The ASGI application: routes, signed-cookie sessions, security headers, static files.

`create_app` builds one from a course file and a database URL; the process
keeps nothing of its own between requests (the database holds people,
attempts, submissions and the cookie secret), so any number of workers can
serve one database. `from_environment` is the factory uvicorn's workers call
(`qbank serve` sets QBANK_COURSE and QBANK_DB for them).
"""
from __future__ import annotations

import os
from pathlib import Path

from contextlib import asynccontextmanager

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from qbank.serve import api, pages
from qbank.serve.classroom import Classroom
from qbank.serve.course import parse
from qbank.serve.database import THREADS, connect, session_secret
from qbank.serve.headers import SecurityHeaders

KATEX_DIR = Path(__file__).resolve().parent.parent / "practice" / "static" / "katex"
OWN_STATIC = Path(__file__).resolve().parent / "static"
SESSION_DAYS = 30


def create_app(course_path, db_url: str, https_only: bool = False) -> Starlette:
    """The application for `course_path` on the (already migrated) database at `db_url`."""
    course = parse(course_path)
    engine = connect(db_url)

    @asynccontextmanager
    async def lifespan(_app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS  # as many as pooled connections
        await anyio.to_thread.run_sync(_fill_pool, engine)
        yield
        engine.dispose()

    app = Starlette(
        lifespan=lifespan,
        routes=[*api.routes, *pages.routes,
                Mount("/static/katex", StaticFiles(directory=KATEX_DIR)),
                Mount("/static", StaticFiles(directory=OWN_STATIC))],
        middleware=[Middleware(SecurityHeaders),
                    Middleware(SessionMiddleware, secret_key=session_secret(engine), session_cookie="qbank_session",
                               max_age=SESSION_DAYS * 86400, same_site="lax", https_only=https_only)])
    app.state.course, app.state.engine, app.state.classroom = course, engine, Classroom(course, engine)
    return app


def _fill_pool(engine) -> None:
    """Open every pooled connection before the first request, so no student waits for one to be made."""
    connections = [engine.connect() for _ in range(engine.pool.size())] if hasattr(engine.pool, "size") else []
    for connection in connections:
        connection.close()


def from_environment() -> Starlette:
    """The factory for uvicorn workers: QBANK_COURSE, QBANK_DB and QBANK_HTTPS_ONLY (1 or 0)."""
    return create_app(os.environ["QBANK_COURSE"], os.environ["QBANK_DB"], os.environ.get("QBANK_HTTPS_ONLY") == "1")
