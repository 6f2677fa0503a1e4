"""Compiled jinja2 templates kept on disk between runs, so a command does not recompile every text.

Compiling the question texts is most of the cost of a short command (`qbank exam` of 3
versions spent 0.6 s of 1.5 s in jinja2's compiler). jinja2's own FileSystemBytecodeCache
stores each compiled template under a key and checks the source's checksum and jinja2's
version when it loads one, so an edited text or a new jinja2 is recompiled, never stale.
The folder is jinja2/ in qbank's cache folder (qbank/cache.py: ~/.cache/qbank/jinja2);
where it cannot be written, templates are simply compiled every time.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import jinja2

from qbank import cache


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A cache whose failed writes (read-only or full disk) only cost speed."""

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=1)
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The on-disk cache, or None when its folder cannot be made."""
    folder = cache.folder("jinja2")
    return None if folder is None else _QuietCache(str(folder))


def from_string(env: jinja2.Environment, source: str) -> jinja2.Template:
    """`env.from_string(source)`, compiled once per source text and mode across runs."""
    cache = env.bytecode_cache
    if cache is None:
        return env.from_string(source)
    # one cache entry per text: the key is the text's hash (and the mode, whose finalize differs)
    name = f"{env.globals.get('mode')}:{hashlib.sha256(source.encode('utf-8')).hexdigest()}"
    bucket = cache.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)
