"""Helpers the practice tests share: a recording HTTP client and the answers a key says are right."""
import http.client
import json


class Client:
    """A keep-alive HTTP client that records every response body it reads (for the secrecy tests)."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.seen: list[bytes] = []

    def request(self, method, path, body=None, headers=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        headers = dict(headers or {})
        if data is not None and raw is None:
            headers.setdefault("Content-Type", "application/json")
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        payload = response.read()
        self.seen.append(payload)
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()  # the next request opens a new connection
        return response, payload

    def json(self, method, path, body=None, **kw):
        response, payload = self.request(method, path, body, **kw)
        return response.status, json.loads(payload)

    def close(self):
        self.connection.close()


def key_answers(prepared) -> dict:
    """Part name -> the key as a student would type it (text parts are self-assessed and left out)."""
    return {p.name: p.spec.text(p.value) for p in prepared.instance.parts if p.spec.kind != "text"}
