"""`qbank roster`: import students (and instructors) from a CSV file and write each one's sign-in link.

ROSTER.csv has a header with `id`, `name` and `email` (any order, more columns
ignored) and optionally `role` (`student`, the default, or `instructor`). Each
new person gets a fresh token; the database keeps only its hash, so the links
file is the one place the token exists: people already imported keep theirs
(and are left out of the file) unless `reissue` replaces every token. All rows
are checked before anything is written, and the links file is staged and moved.
"""
from __future__ import annotations

import csv
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import insert, select, update

from qbank.errors import InputError
from qbank.serve.tables import people
from qbank.serve.tokens import new_token, token_hash

ROLES = ("student", "instructor")
REQUIRED = ("id", "name", "email")


def read_roster(path) -> list[dict]:
    """The rows of ROSTER.csv as {id, name, email, role}; any mistake is `file:line: reason`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"{path}:1: the header needs the columns id, name, email (missing: {', '.join(missing)})")
    reader.fieldnames = header
    rows, seen = [], {}
    for row in reader:
        line = reader.line_num
        person = {key: (row.get(key) or "").strip() for key in (*REQUIRED, "role")}
        person["role"] = person["role"].lower() or "student"
        if not person["id"] or not person["name"]:
            raise InputError(f"{path}:{line}: every row needs an id and a name")
        if len(person["id"]) > 128 or len(person["name"]) > 256 or len(person["email"]) > 256:
            raise InputError(f"{path}:{line}: id, name or email is too long")
        if person["role"] not in ROLES:
            raise InputError(f"{path}:{line}: role should be student or instructor, got {person['role']!r}")
        if person["id"] in seen:
            raise InputError(f"{path}:{line}: id {person['id']!r} is listed twice (first on line {seen[person['id']]})")
        seen[person["id"]] = line
        rows.append(person)
    if not rows:
        raise InputError(f"{path}: no students listed")
    return rows


def import_roster(engine, course_id: str, rows: list[dict], base_url: str, out, reissue: bool = False) -> list[dict]:
    """Add or update `rows` and write the links of everyone who got a new token to `out`.

    The links file is staged inside the database transaction and moved into place after the commit: a failed
    write leaves the database as it was, and a failed commit leaves no links to tokens that do not exist.
    """
    out = Path(out)
    staged = None
    try:
        with engine.begin() as conn:
            issued = _store(conn, course_id, rows, base_url, reissue)
            staged = _stage_links(out, issued)
        os.replace(staged, out)
    finally:
        if staged is not None:
            Path(staged).unlink(missing_ok=True)
    return issued


def _store(conn, course_id, rows, base_url, reissue) -> list[dict]:
    now = datetime.now(timezone.utc)
    known = {r.student_id: r.id for r in conn.execute(
        select(people.c.student_id, people.c.id).where(people.c.course == course_id))}
    issued = []
    for person in rows:
        token = new_token()
        values = {"name": person["name"], "email": person["email"], "role": person["role"]}
        if person["id"] not in known:
            conn.execute(insert(people).values(course=course_id, student_id=person["id"], created_at=now,
                                               token_hash=token_hash(token), **values))
        elif reissue:
            conn.execute(update(people).where(people.c.id == known[person["id"]])
                         .values(token_hash=token_hash(token), **values))
        else:
            conn.execute(update(people).where(people.c.id == known[person["id"]]).values(**values))
            continue
        issued.append({**person, "link": f"{base_url.rstrip('/')}/signin/{token}"})
    return issued


def _stage_links(path: Path, issued: list[dict]) -> str:
    """links.csv (id, name, email, role, link) written next to `path` under a temporary name, readable by its owner only."""
    try:
        handle, staged = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:  # mkstemp makes it 0600: the links are passwords
        writer = csv.DictWriter(out, fieldnames=("id", "name", "email", "role", "link"))
        writer.writeheader()
        writer.writerows(issued)
    return staged
