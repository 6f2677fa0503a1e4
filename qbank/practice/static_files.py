"""The page's files, read once at start-up into a fixed allow-list: URL path -> (bytes, content type).

Only the names listed here are served, whatever the request path says, so no
path traversal can reach another file. KaTeX is vendored under static/katex
(see static/README.md); only its woff2 fonts are shipped and served.
"""
from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".woff2": "font/woff2"}
_PAGE_FILES = ("index.html", "app.js", "app.css", "katex/katex.min.js", "katex/katex.min.css")


def load_static(directory: Path = STATIC_DIR) -> dict[str, tuple[bytes, str]]:
    """Every servable file under `directory`, keyed by its URL path; `/` is the page itself."""
    names = list(_PAGE_FILES) + sorted(f"katex/fonts/{p.name}" for p in (directory / "katex" / "fonts").glob("*.woff2"))
    files = {}
    for name in names:
        path = directory / name
        files["/" + name] = (path.read_bytes(), _TYPES[path.suffix])
    files["/"] = files["/index.html"]
    return files
