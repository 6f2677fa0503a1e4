"""`qbank practice --web`: the standard library's ThreadingHTTPServer serving the practice page.

Loopback (127.0.0.1) by default: students on the same machine, nothing exposed.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import sys
import threading
from http.server import ThreadingHTTPServer

from qbank.errors import InputError
from qbank.practice.http_handler import PracticeHandler
from qbank.practice.static_files import load_static
from qbank.practice.web_app import PracticeApp


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a classroom connecting at once must not overflow the listen backlog


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (localhost, 127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(app: PracticeApp, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A bound (not yet serving) server for `app`; port 0 picks a free port (see `server.server_port`)."""
    handler = type("BoundPracticeHandler", (PracticeHandler,),
                   {"app": app, "static": load_static(), "loopback_only": is_loopback(host)})
    server_class = type("Server6", (_Server,), {"address_family": socket.AF_INET6}) if ":" in host else _Server
    try:
        return server_class((host, port), handler)
    except OSError as exc:
        raise InputError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc


def serve(templates: list, host: str, port: int, progress=None) -> None:
    """Serve until Ctrl-C; prints the address, then a line when every template has questions ready.

    progress: the progress file's record (progress.Progress) every checked question goes into; it is
    written once before serving, so a file that cannot be written is reported now, not after an answer.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if progress is not None:
        progress.save()
    app = PracticeApp(templates, progress=progress)
    server = make_server(app, host, port)
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving the practice page on http://{shown}:{server.server_port}/ (Ctrl-C stops)", flush=True)
    if progress is not None:
        print(f"Checked questions are recorded in {progress.path}.", flush=True)
    if not is_loopback(host):
        print("Warning: not a loopback address; anyone who can reach this machine can use the page.", file=sys.stderr)

    def announce():
        if app.pool.wait_full(timeout=600):
            print(f"Question pool ready: {len(templates)} templates prepared ahead.", flush=True)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.server_close()
        app.close()
