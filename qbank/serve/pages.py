"""The server-rendered pages: sign-in, the assignment list, a question with its form, the instructor's views.

Pages are jinja2 templates (qbank/serve/templates) over the same Classroom
calls as the JSON API. Forms post back to the page and are answered with a
redirect (post/redirect/get), so reloading never submits twice; every form
carries the session's CSRF token.
"""
from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from qbank.serve import records, statistics
from qbank.serve.api import signed_in, with_connection
from qbank.serve.classroom import Refused, now_utc
from qbank.serve.gradebook import gradebook
from qbank.serve.identity import SESSION_CSRF, csrf_ok, sign_in, sign_out

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
ANSWER_FIELD = "answer:"


def page(work, post: bool = False):
    """An async page around `work(request, form)` (run in the thread pool); Refused renders the message page."""
    async def handle(request):
        try:
            form = None
            if post:
                form = dict(await request.form())
                if not csrf_ok(request, form.get("csrf")):
                    raise Refused(403, "this form has expired; reload the page and send it again")
            return await run_in_threadpool(with_connection, work, request, form)
        except Refused as exc:
            return render(request, "message.html", {"title": "Not possible", "message": exc.message}, exc.status)
    return handle


def render(request, name: str, context: dict, status: int = 200) -> Response:
    course = request.app.state.course
    return templates.TemplateResponse(request, name, {"course": course, "csrf": request.session.get(SESSION_CSRF, ""),
                                                      **context}, status_code=status)


def _home(request, _form):
    try:
        person = signed_in(request)
    except Refused:
        return render(request, "message.html", {"title": "Sign in",
                                                "message": "Open the sign-in link you were sent to start."}, 401)
    classroom = request.app.state.classroom
    return render(request, "home.html", {"person": person,
                                         "assignments": classroom.assignments(person, now_utc(), request.state.db)})


def _signin(request, _form):
    state = request.app.state
    person = records.person_by_token(request.state.db, state.course.id, request.path_params["token"])
    if person is None:
        raise Refused(403, "this sign-in link is not valid (ask your instructor for a new one)")
    sign_in(request, person)
    return RedirectResponse("/instructor" if person.role == "instructor" else "/", status_code=303)


def _signout(request, _form):
    sign_out(request)
    return RedirectResponse("/", status_code=303)


def _question(request, _form):
    p = request.path_params
    person = signed_in(request)
    state = request.app.state.classroom.question(person, p["assignment"], p["index"], now_utc(), request.state.db)
    return render(request, "question.html", {"person": person, "state": state})


def _submit(request, form):
    p = request.path_params
    answers = {name[len(ANSWER_FIELD):]: value for name, value in form.items()
               if name.startswith(ANSWER_FIELD) and isinstance(value, str)}
    request.app.state.classroom.submit(signed_in(request), p["assignment"], p["index"], answers, now_utc(),
                                       request.state.db)
    return RedirectResponse(request.url.path, status_code=303)


def _retry(request, _form):
    p = request.path_params
    request.app.state.classroom.retry(signed_in(request), p["assignment"], p["index"], now_utc(), request.state.db)
    return RedirectResponse(f"/assignments/{p['assignment']}/questions/{p['index']}", status_code=303)


def _instructor(request, _form):
    person = signed_in(request, "instructor")
    course, db = request.app.state.course, request.state.db
    return render(request, "instructor.html", {"person": person, "book": gradebook(course, db),
                                               "items": statistics.items(course, db),
                                               "parameters": statistics.parameters(course, db)})


QUESTION = "/assignments/{assignment}/questions/{index:int}"
routes = [
    Route("/", page(_home)),
    Route("/signin/{token}", page(_signin)),
    Route("/signout", page(_signout, post=True), methods=["POST"]),
    Route(QUESTION, page(_question)),
    Route(QUESTION, page(_submit, post=True), methods=["POST"]),
    Route(QUESTION + "/retry", page(_retry, post=True), methods=["POST"]),
    Route("/instructor", page(_instructor)),
]
