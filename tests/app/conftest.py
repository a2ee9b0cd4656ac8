"""AppTest fixtures: a fresh app on a chosen pack, clean caches, and the bytes behind a download button."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from app_pages.common import ENV_VAR
from arguments.export import WORD_JOINER
from tests.conftest import MINI_PACK, ROOT, edit

ENTRYPOINT = ROOT / "streamlit_app.py"
TIMEOUT = 30

# A second thesis (the same claims in another order, two schools) and a second question, so the
# app tests can change thesis and question on a pack that stays small and under the tests' control.
SECOND_THESIS = """
[[thesis]]
id = "munich-first"
title = "Munich decided it: the West failed collective security"
schools = ["collective-security", "german-orientation"]
text = "Largely, because Munich showed Moscow that the West would not fight."
verdict = "Largely"
context = "The Munich conference met on 29 September 1938."
criteria = "What Moscow could expect from the West after Munich."
claims = ["cs-munich", "cs-rapallo-broken-by-hitler", "cs-genuine-turn"]
weighing = "Munich outweighs the rest."
evaluation = "The post-1991 archives favour the collective-security reading."
"""
SECOND_QUESTION = """
[[question]]
id = "why-pact-1939"
text = "Why did the USSR sign a pact with Germany in August 1939?"
command = "why"
concept = "cause"
years = [1938, 1939]
theses = ["munich-first"]
source = { board = "IB Diploma History", session = "May 2021", paper = "Paper 2" }
note = "Rank the reasons."
"""


@pytest.fixture(autouse=True)
def clean_caches():
    """Caches are process-wide: every test starts and ends with empty ones."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def ui_pack(tmp_path_factory) -> Path:
    """The mini pack plus a second thesis and question (two theses to switch between)."""
    target = tmp_path_factory.mktemp("ui") / "pack"
    shutil.copytree(MINI_PACK, target)
    with (target / "theses.toml").open("a", encoding="utf-8") as f:
        f.write(SECOND_THESIS)
    with (target / "questions.toml").open("a", encoding="utf-8") as f:
        f.write(SECOND_QUESTION)
    edit(target / "questions.toml", 'theses = ["cs-genuine"]', 'theses = ["cs-genuine", "munich-first"]')
    return target


@pytest.fixture
def make_app(monkeypatch, ui_pack) -> Callable[..., AppTest]:
    """``make_app(pack=DIR, **query)``: the entry point, run once with those URL parameters."""

    def make(pack: Path | None = None, **query: str) -> AppTest:
        monkeypatch.setenv(ENV_VAR, str(pack or ui_pack))
        at = AppTest.from_file(str(ENTRYPOINT), default_timeout=TIMEOUT)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return make


@pytest.fixture
def app(make_app) -> AppTest:
    return make_app()


@pytest.fixture
def downloads(monkeypatch) -> Callable[[AppTest, str], MemoryFile]:
    """The file the browser would get from a download button (AppTest does not expose it).

    A button whose ``data`` is a callable has no file until it is clicked: the click is made here as
    the server makes it (``execute_deferred``), which runs the callable.
    """
    stores: list[MemoryMediaFileStorage] = []
    managers: list[MediaFileManager] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            stores.append(self)

    class RecordingManager(MediaFileManager):
        def __init__(self, storage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)

    def read(at: AppTest, key: str) -> MemoryFile:
        proto = at.download_button(key=key).proto
        url = proto.url
        if not url and proto.deferred_file_id:
            manager = next(m for m in reversed(managers) if proto.deferred_file_id in m._deferred_callables)
            url = manager.execute_deferred(proto.deferred_file_id)
        assert url, f"download button {key!r} has no file"
        name = url.rsplit("/", 1)[-1]
        for store in reversed(stores):  # one store per AppTest: the newest app's first
            file_id = name.split(".", 1)[0]
            if file_id in store._files_by_id:
                return store.get_file(name)
        raise AssertionError(f"download button {key!r}: no app holds {name}")

    return read


def colons(escaped: str) -> str:
    """Escaped text as the page writes it: a word joiner after each ``\\:`` that a word follows."""
    return re.sub(r"\\:(?=[^\s\u2060])", lambda m: m.group(0) + WORD_JOINER, escaped)


def markdown_text(at: AppTest) -> str:
    """Everything the page wrote as Markdown, in order (the raw, escaped source)."""
    return "\n".join(m.value for m in at.markdown)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def plan_title(at: AppTest) -> str | None:
    """The plan's heading (``Essay plan: …``), or None when no plan is shown."""
    return next((h.value for h in at.header if h.value.startswith("Essay plan: ")), None)


def show_part(at: AppTest, part: str) -> AppTest:
    """Choose a part of the plan (``introduction``, a claim id, ``conclusion``, ``whole``…) and rerun."""
    at.pills(key="part").set_value(part).run()
    no_exception(at)
    return at
