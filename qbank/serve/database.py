"""Connecting to the course database (SQLite by default, PostgreSQL by URL) and bringing its schema up to date.

The schema is owned by the Alembic migrations shipped in qbank/serve/migrations;
`prepare` runs them to the latest revision once, before any worker starts, and
makes the shared cookie-signing secret. A SQLite file runs in WAL mode with a
busy timeout, so two workers can share it (one writer at a time, readers never block).
"""
from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import create_engine, event, insert, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError

from qbank.errors import InputError
from qbank.serve.tables import settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 15_000
THREADS = 16  # request threads per worker (app.py), each holding at most one connection at a time


def default_url(course_path) -> str:
    """A SQLite file next to the course file: COURSE.yaml -> COURSE.sqlite3."""
    return f"sqlite:///{Path(course_path).resolve().with_suffix('.sqlite3')}"


def normalized(url: str) -> str:
    """`postgresql://...` uses psycopg 3 (the driver the serve extra installs); other URLs as given."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(f"--db {url!r}: not a database URL ({exc})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith(("sqlite", "postgresql")):
        raise InputError(f"--db {url!r}: qbank serve supports sqlite:/// and postgresql:// URLs")
    return parsed.render_as_string(hide_password=False)


def connect(url: str, pool_size: int = THREADS) -> Engine:
    """An Engine for `url`, tuned for several workers sharing one database.

    PostgreSQL keeps `pool_size` connections open (one per request thread): opening one costs 15-30 ms
    (the password exchange), so connections must not be made and dropped under load.
    """
    url = normalized(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=3600)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy begins each transaction itself (the "begin" listener)
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", f"busy_timeout={SQLITE_BUSY_MS}", "foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` with the shipped Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def prepare(url: str) -> None:
    """Bring the database at `url` to the latest schema and make sure the session secret exists."""
    engine = connect(url)
    try:
        migrate(engine)
        session_secret(engine)
    except Exception as exc:
        if isinstance(exc, InputError):
            raise
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            raise InputError(f"--db: cannot open the database: {str(exc.orig).strip().splitlines()[0]}") from None
        raise
    finally:
        engine.dispose()


def session_secret(engine: Engine) -> str:
    """The secret that signs session cookies, shared by every worker through the database (made once)."""
    with engine.begin() as conn:
        value = conn.execute(select(settings.c.value).where(settings.c.name == "session_secret")).scalar()
    if value is not None:
        return value
    try:
        with engine.begin() as conn:
            conn.execute(insert(settings).values(name="session_secret", value=secrets.token_urlsafe(48)))
    except IntegrityError:  # another worker made it first
        pass
    return session_secret(engine)
