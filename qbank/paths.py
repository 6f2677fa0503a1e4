"""Where the shipped data (templates/, banks/) lives: inside the wheel, or beside the package."""
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`templates` or `banks`: the wheel's copy when installed, else the source tree's."""
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name
