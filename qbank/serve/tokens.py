"""Sign-in tokens: 256 random bits, shown once in the sign-in link, stored only as their SHA-256.

A token is a bearer secret of full entropy, so an unsalted fast hash is enough:
nothing can be guessed, and a stolen database reveals no link.
"""
from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    """A fresh URL-safe token (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database stores for `token` (hex SHA-256)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
