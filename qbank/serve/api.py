"""The JSON API under /api/ (docs/serve.md lists every route): what the pages do, for scripts and tests.

Bodies are JSON objects of at most 64 KiB; state-changing requests made with
the session cookie carry the X-CSRF-Token header (GET /api/me tells it); every
refusal is `{"error": reason}` with its status. Database and grading work runs
in the thread pool, never on the event loop.
"""
from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from qbank.serve import statistics
from qbank.serve.classroom import Refused, now_utc
from qbank.serve.gradebook import gradebook, gradebook_csv
from qbank.serve.identity import csrf_ok, csrf_token, current_person

MAX_BODY = 64 * 1024


def signed_in(request, role: str | None = None):
    """The person making the request; 401 when nobody is signed in, 403 when the role does not fit."""
    person = current_person(request)
    if person is None:
        raise Refused(401, "sign in first (your sign-in link, or Authorization: Bearer TOKEN)")
    if role is not None and person.role != role:
        raise Refused(403, f"this needs the {role} role")
    return person


async def json_body(request) -> dict:
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Refused(415, "send JSON (Content-Type: application/json)")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise Refused(413, f"request body over {MAX_BODY} bytes")
    try:
        data = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(400, f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refused(400, "the body must be a JSON object")
    return data


def with_connection(work, request, *args):
    """`work(request, *args)` with one database connection for the whole request (request.state.db)."""
    with request.app.state.engine.connect() as db:
        request.state.db = db
        return work(request, *args)


def endpoint(work, post: bool = False):
    """An async route around `work(request, body)` (run in the thread pool); Refused becomes its JSON error."""
    async def handle(request):
        try:
            body = None
            if post:
                body = await json_body(request)
                if not csrf_ok(request, request.headers.get("x-csrf-token")):
                    raise Refused(403, "missing or wrong X-CSRF-Token header (GET /api/me gives it)")
            result = await run_in_threadpool(with_connection, work, request, body)
        except Refused as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return result if isinstance(result, Response) else JSONResponse(result)
    return handle


def _me(request, _body):
    person = signed_in(request)
    return {"id": person.student_id, "name": person.name, "role": person.role, "csrf": csrf_token(request)}


def _assignments(request, _body):
    return {"assignments": request.app.state.classroom.assignments(signed_in(request), now_utc(), request.state.db)}


def _question(request, _body):
    p = request.path_params
    return request.app.state.classroom.question(signed_in(request), p["assignment"], p["index"], now_utc(),
                                                request.state.db)


def _submit(request, body):
    p = request.path_params
    return request.app.state.classroom.submit(signed_in(request), p["assignment"], p["index"],
                                              body.get("answers", {}), now_utc(), request.state.db)


def _retry(request, _body):
    p = request.path_params
    return request.app.state.classroom.retry(signed_in(request), p["assignment"], p["index"], now_utc(),
                                             request.state.db)


def _submission(request, _body):
    return request.app.state.classroom.submission(signed_in(request), request.path_params["id"], request.state.db)


def _gradebook(request, _body):
    signed_in(request, "instructor")
    return gradebook(request.app.state.course, request.state.db)


def _gradebook_csv(request, _body):
    signed_in(request, "instructor")
    text = gradebook_csv(gradebook(request.app.state.course, request.state.db))
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{request.app.state.course.id}-grades.csv"'})


def _items(request, _body):
    signed_in(request, "instructor")
    return {"items": statistics.items(request.app.state.course, request.state.db)}


def _parameters(request, _body):
    signed_in(request, "instructor")
    return {"parameters": statistics.parameters(request.app.state.course, request.state.db)}


QUESTION = "/api/assignments/{assignment}/questions/{index:int}"
routes = [
    Route("/api/me", endpoint(_me)),
    Route("/api/assignments", endpoint(_assignments)),
    Route(QUESTION, endpoint(_question)),
    Route(QUESTION + "/submissions", endpoint(_submit, post=True), methods=["POST"]),
    Route(QUESTION + "/attempts", endpoint(_retry, post=True), methods=["POST"]),
    Route("/api/submissions/{id:int}", endpoint(_submission)),
    Route("/api/instructor/gradebook", endpoint(_gradebook)),
    Route("/api/instructor/gradebook.csv", endpoint(_gradebook_csv)),
    Route("/api/instructor/items", endpoint(_items)),
    Route("/api/instructor/parameters", endpoint(_parameters)),
]
