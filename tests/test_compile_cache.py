"""The on-disk cache of compiled jinja2 texts: same output as compiling afresh, never stale, optional."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDER = ("from qbank.engine.render import render_string\n"
          "print(render_string(open('{src}').read(), {{'x': 0.25}}, 'latex'))\n")


def _render(src: Path, cache: Path) -> str:
    env = {**os.environ, "QBANK_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", RENDER.format(src=src)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_a_cached_text_renders_as_a_fresh_one_and_an_edited_text_is_recompiled(tmp_path):
    src, cache = tmp_path / "q.tex.j2", tmp_path / "cache"
    src.write_text(r"$x = \VAR{x|num(2)}$")
    assert _render(src, cache) == "$x = 0.25$\n"
    assert len(list((cache / "jinja2").iterdir())) == 1
    assert _render(src, cache) == "$x = 0.25$\n"  # now from the cache
    src.write_text(r"$2x = \VAR{(2 * x)|num(2)}$")
    assert _render(src, cache) == "$2x = 0.5$\n"
    assert len(list((cache / "jinja2").iterdir())) == 2


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path):
    src, blocker = tmp_path / "q.tex.j2", tmp_path / "not-a-folder"
    src.write_text(r"\VAR{x}")
    blocker.write_text("a file where the cache folder would go")
    assert _render(src, blocker / "cache") == "0.25\n"
