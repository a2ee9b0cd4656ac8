"""Shared fixtures: the small test pack, a writable copy of it, and the bundled pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from arguments.load import BUNDLED_PACK, load_pack
from arguments.model import Pack

ROOT = Path(__file__).resolve().parent.parent
MINI_PACK = ROOT / "tests" / "fixtures" / "mini_pack"


@pytest.fixture(scope="session")
def mini_pack() -> Pack:
    return load_pack(MINI_PACK)


@pytest.fixture(scope="session")
def bundled_pack() -> Pack:
    return load_pack(BUNDLED_PACK)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini pack, for breaking on purpose."""
    target = tmp_path / "pack"
    shutil.copytree(MINI_PACK, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a pack file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
