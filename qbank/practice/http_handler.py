"""The HTTP boundary of the practice page: JSON in and out, fixed static files, hardened headers.

Requests are untrusted: bodies are JSON objects of at most 64 KiB, only the
allow-listed static files exist, unknown paths and tokens get a 404 JSON, and
every error (ours or the standard library's) is a JSON message: no traceback
page is ever sent; unexpected exceptions are logged here and answered with 500.
On a loopback address the Host header must name loopback too (DNS rebinding).
"""
from __future__ import annotations

import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from qbank.practice.web_app import ApiError

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class PracticeHandler(BaseHTTPRequestHandler):
    """Set `app`, `static` and `loopback_only` on a subclass (see server.make_server)."""

    protocol_version = "HTTP/1.1"  # keep-alive: many questions over one connection
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms wait for a delayed ACK
    server_version = "qbank-practice"
    app = None
    static: dict = {}
    loopback_only = True

    def do_GET(self):
        """The page, its allow-listed files, /api/topics and /api/progress."""
        self._guarded(self._get)

    def do_HEAD(self):
        """As GET, headers only."""
        self._guarded(self._get)

    def do_POST(self):
        """/api/question, /api/answer and /api/marks, JSON bodies only."""
        self._guarded(self._post)

    def _guarded(self, handle) -> None:
        with self.app.activity:
            self._answer(handle)

    def _answer(self, handle) -> None:
        try:
            if self.loopback_only and _host_name(self.headers.get("Host", "")) not in LOOPBACK_NAMES:
                raise ApiError(403, "this server answers only requests addressed to localhost")
            handle(urlsplit(self.path).path)
        except ApiError as exc:
            self._json(exc.status, {"error": exc.message})
        except Exception:  # noqa: BLE001 - the boundary: log the traceback here, never send it
            log.exception("practice server: %s %s failed", self.command, self.path)
            self._json(500, {"error": "internal error; the server log has the details"})

    def _get(self, path: str) -> None:
        if path == "/api/topics":
            self._json(200, self.app.topic_list())
        elif path == "/api/progress":
            self._json(200, self.app.progress())
        elif path in self.static:
            body, content_type = self.static[path]
            self._send(200, body, content_type, cache="no-cache")
        elif path.startswith("/api/"):
            raise ApiError(405, f"{path} takes POST")
        else:
            raise ApiError(404, "no such page")

    def _post(self, path: str) -> None:
        routes = {"/api/question": self.app.new_question, "/api/answer": self.app.answer, "/api/marks": self.app.marks}
        if path not in routes:
            raise ApiError(404 if path not in self.static and path not in ("/api/topics", "/api/progress") else 405,
                           f"cannot POST {path}")
        self._json(200, routes[path](self._body()))

    def _body(self) -> dict:
        if self.headers.get("Content-Type", "").split(";")[0].strip().lower() != "application/json":
            raise ApiError(415, "send JSON (Content-Type: application/json)")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise ApiError(411, "a Content-Length header is required")
        if int(length) > MAX_BODY:
            self.close_connection = True  # the unread body must not be taken for the next request
            raise ApiError(413, f"request body over {MAX_BODY} bytes")
        try:
            body = json.loads(self.rfile.read(int(length)).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, f"the body is not valid JSON: {exc}") from exc
        except (ValueError, RecursionError) as exc:  # an integer of over 4300 digits; nesting deeper than the stack
            raise ApiError(400, "the body is JSON that nests too deeply or holds too long a number") from exc
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        return body

    def _json(self, status: int, data: dict) -> None:
        self._send(status, json.dumps(data).encode("utf-8"), "application/json; charset=utf-8", cache="no-store")

    def _send(self, status: int, body: bytes, content_type: str, cache: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code, message=None, explain=None):
        """The standard library's errors (bad request line, unknown method, ...) as JSON too."""
        self.close_connection = True
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "error"
        self._json(code, {"error": message or phrase})

    def version_string(self) -> str:
        """The Server header: our name only."""
        return self.server_version  # no Python version: nothing to fingerprint

    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        """Access lines at debug level: fifty students must not flood the terminal."""
        log.debug("%s - %s", self.address_string(), format % args)


def _host_name(host: str) -> str:
    """The name part of a Host header: `127.0.0.1:8765` -> 127.0.0.1, `[::1]:80` -> [::1]."""
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
