"""Every page of the shipped example course renders for a student (in process, through httpx's ASGI transport).

Catches a question whose parts the page template cannot show; the HTTP tests
cover the same routes through a real server with the small test templates.
"""
import asyncio
from pathlib import Path

import httpx

from qbank.serve.app import create_app
from qbank.serve.course import parse
from qbank.serve.database import connect, prepare
from qbank.serve.roster import import_roster

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "course.yaml"


def test_every_question_of_the_example_course_renders(tmp_path):
    url = f"sqlite:///{tmp_path / 'course.sqlite3'}"
    prepare(url)
    engine = connect(url)
    course = parse(EXAMPLE)
    people = [{"id": "s1", "name": "Ada", "email": "", "role": "student"},
              {"id": "prof", "name": "Grace", "email": "", "role": "instructor"}]
    links = {row["id"]: row["link"].rsplit("/", 1)[1]
             for row in import_roster(engine, course.id, people, "http://testserver", tmp_path / "links.csv")}
    engine.dispose()
    asyncio.run(browse(create_app(EXAMPLE, url), course, links))


async def browse(app, course, links):
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver", follow_redirects=True) as client:
        assert (await client.get(f"/signin/{links['s1']}")).status_code == 200  # followed the redirect to the list
        home = await client.get("/")
        shown = [a for a in course.assignments if f'id="assignment-{a.id}"' in home.text]
        assert shown  # the example's assignments open before today
        for assignment in shown:
            for index, question in enumerate(assignment.questions):
                page = await client.get(f"/assignments/{assignment.id}/questions/{index}")
                assert page.status_code == 200, (assignment.id, question.name)
                assert 'id="stem"' in page.text and 'name="csrf"' in page.text
        assert (await client.get("/instructor")).status_code == 403
        await client.get(f"/signin/{links['prof']}")
        overview = await client.get("/instructor")
        assert overview.status_code == 200 and "<td>s1</td><td>Ada</td>" in overview.text
