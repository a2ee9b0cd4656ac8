"""The engine and the app know no topic: every topic word lives in a pack.

The words come from the packs themselves (so a third pack's words are checked too): the years of
each pack's period (with five either side), its historians' surnames, the names in its topics'
titles and vocabulary labels, and the multi-word terms its vocabulary folds (``collective
security``). Any of them in ``arguments/``, ``app_pages/`` or the entry point, in code, comment or
docstring, fails the test with the file and line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from arguments.load import bundled_packs
from arguments.model import Work
from tests.conftest import ROOT

CODE = sorted([*(ROOT / "arguments").glob("*.py"), *(ROOT / "app_pages").glob("*.py"), ROOT / "streamlit_app.py"])
# Capitalised words of titles that are ordinary English, not names of a topic.
_ORDINARY_TEXT = """
The From With Plan Doctrine Speech Agreement Agreements Conference Treaty Crisis War Second First World Long
Note Iron Curtain Telegram Front Popular Pact Army Party Congress Trials Terror Great Civil Coup Bomb Atomic
Blockade Airlift Talks Offer Proposal Protocol Secret Question Division Election Elections Years
Alliance Grand Recovery European Programme Program Fear Cold Wartime Powers Western West Eastern East Central
Russian Spanish Chinese German Germans French British American Soviet Joining Anglo
January February March April June July August September October November December
"""
ORDINARY = frozenset(_ORDINARY_TEXT.split())


def surnames(name: str) -> str:
    """A historian's surname(s) as the planner cites them ("Schlesinger", not "Jr")."""
    return Work(id="a-work", author=name, title="A title", year=2000, kind="book").surnames


def topic_words() -> set[str]:
    words: set[str] = set()
    for folder in bundled_packs():
        info = tomllib.loads((folder / "pack.toml").read_text("utf-8"))["pack"]
        first, last = info["period"]
        words |= {str(year) for year in range(first - 5, last + 6)}
        for school in tomllib.loads((folder / "schools.toml").read_text("utf-8"))["school"]:
            words |= {
                Work(id="w", author=h["name"], title="t", year=2000, kind="book").surnames for h in school["historians"]
            }
        titles = [t["title"] for t in tomllib.loads((folder / "topics.toml").read_text("utf-8"))["topic"]]
        vocabulary = folder / "vocabulary.toml"
        if vocabulary.exists():
            for synonym in tomllib.loads(vocabulary.read_text("utf-8")).get("synonym", []):
                label = synonym.get("label", "")
                titles.append(label)
                if " " in label and label == label.lower():
                    words.add(label.strip("'"))  # "collective security", "world revolution"
        for title in titles:
            words |= set(re.findall(r"\b[A-Z][a-z]{3,}\b", title)) - ORDINARY
    return words


def test_the_packs_give_words_to_look_for() -> None:
    words = topic_words()
    assert len(bundled_packs()) >= 2
    assert {"1939", "1947", "Haslam", "Gaddis", "Munich", "Yalta", "collective security"} <= words


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_topic_word_in_the_engine_or_the_app(path: Path) -> None:
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(topic_words(), key=len, reverse=True)) + r")\b"
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}: '{m.group()}' in: {line.strip()}"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if (m := pattern.search(line))
    ]
    assert found == [], "topic words belong in a pack:\n" + "\n".join(found)
