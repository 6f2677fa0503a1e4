"""The practice page's API, independent of HTTP: topics, a new question, checking a submission.

Every request body is untrusted JSON; anything malformed raises ApiError with
a status and a one-line message that the handler sends back as JSON.
"""
from __future__ import annotations

from qbank.engine.safe_input import MAX_CHARS
from qbank.engine.scoring import PENDING
from qbank.practice.activity import Activity
from qbank.practice.pool import QuestionPool
from qbank.practice.question_view import feedback
from qbank.practice.sessions import SessionStore
from qbank.practice.web_progress import WebProgress

MAX_TOPICS = 100


class ApiError(Exception):
    """A request the API refuses: the HTTP status and a one-line reason for the page."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class PracticeApp:
    """Holds the templates, the pool of prepared questions and the sessions of questions handed out."""

    def __init__(self, templates: list, pool_depth: int = 3, sessions: SessionStore | None = None, progress=None):
        """progress: the progress file's record (progress.Progress) that checked questions go into; None keeps
        the score in memory only."""
        if not templates:
            raise ValueError("the practice page needs at least one template")
        self.templates = list(templates)
        self.topics = sorted({t.topic for t in self.templates})
        self.sessions = sessions if sessions is not None else SessionStore()  # an empty store is falsy
        self.record = WebProgress(progress, remember=self.sessions.capacity)
        self.activity = Activity()
        self.pool = QuestionPool(self.templates, pool_depth, idle=self.activity.idle)

    def topic_list(self) -> dict:
        """{"topics": [{"name", "templates": count}]} for the topic boxes of the page."""
        counts = {topic: sum(t.topic == topic for t in self.templates) for topic in self.topics}
        return {"topics": [{"name": name, "templates": count} for name, count in counts.items()]}

    def new_question(self, body: dict) -> dict:
        """A question {"topics": [...], "template": id (optional)}: its public view and a token."""
        topics = body.get("topics") or []
        if not isinstance(topics, list) or len(topics) > MAX_TOPICS or not all(isinstance(t, str) for t in topics):
            raise ApiError(400, "topics must be a list of topic names")
        unknown = sorted(set(topics) - set(self.topics))
        if unknown:
            raise ApiError(400, f"unknown topic {unknown[0][:40]!r}")
        candidates = [t for t in self.templates if not topics or t.topic in topics]
        wanted = body.get("template")
        if wanted is not None:  # a link to one template, e.g. from a course page
            candidates = [t for t in candidates if t.id == wanted]
            if not isinstance(wanted, str) or not candidates:
                raise ApiError(400, f"no template {str(wanted)[:80]!r} among the chosen topics")
        try:
            prepared = self.pool.take(candidates)
        except LookupError as exc:
            raise ApiError(503, str(exc)) from exc
        return {"token": self.sessions.add(prepared), **prepared.public}

    def answer(self, body: dict) -> dict:
        """Check a submission {"token", "answers": {part: text}, "reveal": bool}; a checked question is recorded."""
        token, answers, reveal = body.get("token"), body.get("answers", {}), body.get("reveal", False)
        if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
            raise ApiError(400, "answers must map part names to text")
        if not isinstance(reveal, bool):
            raise ApiError(400, "reveal must be true or false")
        prepared = self._prepared(token)
        names = {p.name for p in prepared.instance.parts}
        extra = sorted(set(answers) - names)
        if extra:
            raise ApiError(400, f"this question has no part {extra[0][:40]!r}")
        if any(len(v) > MAX_CHARS for v in answers.values()):
            raise ApiError(400, f"an answer is longer than {MAX_CHARS} characters")
        result = feedback(prepared, answers, reveal)
        if result["status"] != "checked":
            return result
        waits = any(part["state"] == PENDING for part in result["parts"])
        self.record.checked(token, prepared.instance.template, result["all_right"], waits)
        return {**result, "progress": self.record.summary()}

    def marks(self, body: dict) -> dict:
        """The student's own marks {"token", "right": bool} for the parts they compared with the model answer."""
        right = body.get("right")
        if not isinstance(right, bool):
            raise ApiError(400, "right must be true or false")
        prepared = self._prepared(body.get("token"))
        if not self.record.marked(body["token"], prepared.instance.template, right):
            raise ApiError(409, "check the answers before marking them")
        return {"progress": self.record.summary()}

    def progress(self, body: dict | None = None) -> dict:
        """{"progress": answered, correct, streak, best_streak}, for the page to show after a reload."""
        return {"progress": self.record.summary()}

    def _prepared(self, token):
        if not isinstance(token, str) or not 0 < len(token) <= 100:
            raise ApiError(400, "token must be the string the question came with")
        prepared = self.sessions.get(token)
        if prepared is None:
            raise ApiError(404, "unknown or expired question; ask for a new one")
        return prepared

    def close(self) -> None:
        """Stop the pool's refill thread; write what the progress file still lacks."""
        self.pool.stop()
        self.record.close()
