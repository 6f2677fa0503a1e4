"""Who is asking: the sign-in seam every way in goes through, and the person a request acts for.

A sign-in link (`/signin/TOKEN`) proves a person by the token roster made; an
LTI 1.3 launch will prove one by its verified id_token's (issuer, subject),
looked up in the `identities` table. Both end in `sign_in(request, person)`,
which puts only the person's id, role and a fresh CSRF token into the signed
session cookie: routes never see how a person signed in. Scripts may instead
send `Authorization: Bearer TOKEN` with the same token, per request.
"""
from __future__ import annotations

import hmac
import secrets

from qbank.serve import records

SESSION_PERSON, SESSION_ROLE, SESSION_CSRF = "person", "role", "csrf"


def sign_in(request, person) -> None:
    """Start a session for `person` (a people row), replacing whatever session the browser had."""
    request.session.clear()
    request.session.update({SESSION_PERSON: person.id, SESSION_ROLE: person.role,
                            SESSION_CSRF: secrets.token_urlsafe(24)})


def sign_out(request) -> None:
    request.session.clear()


def bearer_token(request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_person(request):
    """The signed-in person (by session cookie or bearer token), re-read from the database; None when nobody."""
    state = request.app.state
    db = getattr(request.state, "db", None) or state.engine  # the request's connection, when it has one
    token = bearer_token(request)
    if token is not None:
        return records.person_by_token(db, state.course.id, token)
    person_id = request.session.get(SESSION_PERSON)
    if not isinstance(person_id, int):
        return None
    return records.person_by_id(db, state.course.id, person_id)


def csrf_token(request) -> str:
    return request.session.get(SESSION_CSRF, "")


def csrf_ok(request, sent: str | None) -> bool:
    """A state-changing request made with the session cookie must echo the session's CSRF token
    (a form field, or the X-CSRF-Token header for the JSON API); bearer-token requests carry no cookie to forge."""
    if bearer_token(request) is not None:
        return True
    expected = csrf_token(request)
    return bool(expected) and isinstance(sent, str) and hmac.compare_digest(expected, sent)
