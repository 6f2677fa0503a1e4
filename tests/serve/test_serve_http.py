"""The class server end to end, through a real `qbank serve` (uvicorn) on 127.0.0.1, on SQLite and PostgreSQL.

One course, three people: a student signs in with her link, answers wrong and
then right on a second attempt (a new variant), fills in the page's form; the
key and worked solution never reach her before the attempt is over; another
student cannot read her submissions nor the instructor's pages; the instructor's
gradebook adds up. Then the server is stopped, the due date moved into the past,
and the server started again: every attempt is still there, the session cookie
still works, and the solutions now show. The keys the test types come from the
engine in this process, from the seed the database recorded.
"""
import re
import runpy

from sqlalchemy import create_engine, func, select

from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.serve.tables import attempts, people, submissions
from serve_support import FIXTURES, roster_links, write_course


def latest_instance(db_url, student, assignment, question):
    """The engine's instance of the student's latest attempt, from the seed the server stored."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(select(attempts.c.template, attempts.c.seed).join(people, people.c.id == attempts.c.person_id)
                           .where(people.c.student_id == student, attempts.c.assignment == assignment,
                                  attempts.c.question == question).order_by(attempts.c.number.desc())).first()
    engine.dispose()
    return generate(get(row.template), row.seed)


def count_submissions(db_url) -> int:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(submissions)).scalar_one()
    engine.dispose()
    return count


def signed_in_browser(server, token):
    """A cookie-carrying client signed in through the link, as a browser would be; its CSRF token."""
    browser = server.client()
    landing = browser.get(f"/signin/{token}", follow_redirects=False)
    assert landing.status_code == 303 and "qbank_session" in landing.headers["set-cookie"]
    assert "httponly" in landing.headers["set-cookie"].lower()
    return browser, browser.get("/api/me").json()["csrf"]


def test_a_class_through_the_real_server(course_file, db_url, server_for, tmp_path):
    runpy.run_path(str(FIXTURES / "serve_drill.py"))
    tokens = roster_links(course_file, db_url, tmp_path)
    server = server_for(course_file, db_url)
    seen = []  # every response body Ada receives before her attempts are over

    ada, csrf = signed_in_browser(server, tokens["s1"])
    assert ada.get("/api/me").json() == {"id": "s1", "name": "Ada Lovelace", "role": "student", "csrf": csrf}
    listing = ada.get("/api/assignments").json()["assignments"]
    assert [a["id"] for a in listing] == ["hw", "quiz"] and listing[0]["points"] == 7

    secret_state = ada.get("/api/assignments/hw/questions/2").json()
    secret_page = ada.get("/assignments/hw/questions/2")
    seen += [secret_page.text, str(secret_state)]
    assert "Type the number the server chose" in secret_page.text
    assert secret_state["revealed"] is False and "key" not in secret_state and "solution" not in secret_state
    secret = latest_instance(db_url, "s1", "hw", "serve/secret").answers["secret"]
    secret_forms = (str(secret), f"{secret:,}".replace(",", "{,}"))  # as typed, and as the solution typesets it

    # A wrong answer, then (a new attempt, a new variant) a right one.
    first = ada.get("/api/assignments/hw/questions/0").json()
    seen.append(str(first))
    key = latest_instance(db_url, "s1", "hw", "serve/sum").answers["total"]
    refused = ada.post("/api/assignments/hw/questions/0/submissions", json={"answers": {"total": str(key)}})
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]  # the cookie alone cannot submit
    wrong = ada.post("/api/assignments/hw/questions/0/submissions", json={"answers": {"total": str(key + 1)}},
                     headers={"X-CSRF-Token": csrf}).json()
    seen.append(str(wrong))
    assert (wrong["verdict"], wrong["points"], wrong["state"]["revealed"]) == ("wrong", 0, False)
    assert wrong["state"]["can_submit"] is False and wrong["state"]["can_retry"] is True
    again = ada.post("/api/assignments/hw/questions/0/submissions", json={"answers": {"total": str(key)}},
                     headers={"X-CSRF-Token": csrf})
    assert again.status_code == 409  # the graded attempt is over; no second grade for it
    second = ada.post("/api/assignments/hw/questions/0/attempts", json={}, headers={"X-CSRF-Token": csrf}).json()
    assert second["attempt"] == 2 and second["can_submit"]
    seen.append(str(second))
    second_instance = latest_instance(db_url, "s1", "hw", "serve/sum")
    assert second_instance.seed != first_seed(db_url)
    right = ada.post("/api/assignments/hw/questions/0/submissions",
                     json={"answers": {"total": str(second_instance.answers["total"])}},
                     headers={"X-CSRF-Token": csrf}).json()
    assert (right["verdict"], right["points"], right["state"]["can_retry"]) == ("correct", 2, False)
    assert right["state"]["revealed"] is False  # solutions show after the due date only
    seen.append(str(right))

    # The page's form: the matrix question, posted with and without the CSRF field.
    page = ada.get("/assignments/hw/questions/1").text
    seen.append(page)
    form_csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    matrix = latest_instance(db_url, "s1", "hw", "serve/matrix").answers["m_plus_i"]
    typed = "\n".join(" ".join(str(int(v)) for v in row) for row in matrix)  # one row per line
    forged = ada.post("/assignments/hw/questions/1", data={"answer:m_plus_i": typed}, follow_redirects=False)
    assert forged.status_code == 403
    posted = ada.post("/assignments/hw/questions/1", data={"answer:m_plus_i": typed, "csrf": form_csrf},
                      follow_redirects=False)
    assert posted.status_code == 303
    assert "Attempt 1: correct, 4 / 4 points." in ada.get(posted.headers["location"]).text

    for body in seen:  # nothing of the secret question's key or solution before its attempt is over
        assert not any(form in body for form in secret_forms) and "SOLUTION-MARKER" not in body

    # One attempt, after_last_attempt: the wrong answer ends it, so the key shows at once.
    ada.get("/api/assignments/quiz/questions/0")
    quiz_key = latest_instance(db_url, "s1", "quiz", "serve/sum").answers["total"]
    quiz = ada.post("/api/assignments/quiz/questions/0/submissions", json={"answers": {"total": str(quiz_key + 1)}},
                    headers={"X-CSRF-Token": csrf}).json()
    assert quiz["state"]["revealed"] and quiz["state"]["key"]["total"]["key_text"] == str(quiz_key)
    assert quiz["points"] == 0 and quiz["max_points"] == 5

    # Another student: not Ada's submissions, not the instructor's pages; nobody signed in: nothing.
    alan = server.client(tokens["s2"])
    assert alan.get(f"/api/submissions/{right['submission']}").status_code == 404
    assert ada.get(f"/api/submissions/{right['submission']}").json()["verdict"] == "correct"
    assert alan.get("/api/instructor/gradebook").status_code == 403
    assert alan.get("/instructor").status_code == 403
    assert server.client().get("/api/assignments").status_code == 401
    assert server.client("not-a-token").get("/api/assignments").status_code == 401

    teacher = server.client(tokens["prof"])
    book = {row["id"]: row for row in teacher.get("/api/instructor/gradebook").json()["students"]}
    assert book["s1"]["scores"] == {"hw": 6, "quiz": 0} and book["s2"]["total"] == 0  # 2 (sum) + 4 (matrix)
    assert teacher.get("/api/instructor/gradebook.csv").text.splitlines()[:2] == [
        "id,name,email,hw,quiz,total", "s1,Ada Lovelace,ada@example.org,6,0,6"]
    teacher_browser, _ = signed_in_browser(server, tokens["prof"])
    overview = teacher_browser.get("/instructor")
    assert overview.status_code == 200 and "<td>s1</td><td>Ada Lovelace</td>" in overview.text
    assert 'id="items"' in overview.text and "<td>serve/sum</td>" in overview.text
    stored = count_submissions(db_url)
    assert stored == 4

    # Restart with the due date in the past: every attempt is still there, and the solutions show.
    server.stop()
    write_course(course_file, due="2020-01-01T00:00:00Z")
    server.start()
    after = ada.get("/api/assignments/hw/questions/0").json()  # the same cookie: the secret lives in the database
    assert after["attempt"] == 2 and after["attempts_finished"] == 2 and after["revealed"]
    assert after["submissions"][-1]["verdict"] == "correct" and "SOLUTION-MARKER" not in after["solution"]
    assert after["key"]["total"]["key_text"] == str(second_instance.answers["total"])
    revealed_secret = ada.get("/api/assignments/hw/questions/2").json()
    assert secret_forms[1] in revealed_secret["solution"] and "SOLUTION-MARKER" in revealed_secret["solution"]
    assert revealed_secret["key"]["secret"]["key_text"] == secret_forms[0]
    late = ada.post("/api/assignments/hw/questions/2/submissions", json={"answers": {"secret": str(secret)}},
                    headers={"X-CSRF-Token": csrf})
    assert late.status_code == 403 and "due date" in late.json()["error"]
    assert count_submissions(db_url) == stored


def first_seed(db_url) -> int:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        seed = conn.execute(select(attempts.c.seed).where(attempts.c.question == "serve/sum", attempts.c.number == 1,
                                                          attempts.c.assignment == "hw")).scalar_one()
    engine.dispose()
    return seed
