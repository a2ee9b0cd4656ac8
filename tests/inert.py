"""Checks that Markdown is inert: what CommonMark (and a GFM-like parser) make of a document.

``linkify`` is off in the GFM-like parser because it needs ``linkify-it-py``, which this project
does not install; tables and strikethrough (the rest of the preset) are on.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSERS: dict[str, MarkdownIt] = {
    "commonmark": MarkdownIt("commonmark"),
    "gfm-like": MarkdownIt("gfm-like", {"linkify": False}),
}
for _parser in PARSERS.values():
    # Stricter than a browser: markdown-it refuses javascript:, vbscript:, file: and most data: links
    # itself and leaves them as text; here every link or image the syntax makes counts.
    _parser.validateLink = lambda url: True  # type: ignore[method-assign]
ACTIVE = frozenset({"html_block", "html_inline", "link_open", "image"})


@lru_cache(maxsize=32)
def parse(text: str, parser: str) -> tuple[Token, ...]:
    return tuple(PARSERS[parser].parse(text))


def tokens(text: str, parser: str) -> Iterator[Token]:
    """Every token, block and inline, in document order."""
    for token in parse(text, parser):
        yield token
        yield from token.children or ()


def active(text: str, parser: str) -> list[Token]:
    """Tokens that would become HTML, a link or an image."""
    return [t for t in tokens(text, parser) if t.type in ACTIVE]


def structure(text: str, parser: str) -> list[str]:
    """The shape of a document: token types with their tags (``heading_open:h2``), no text."""
    return [f"{t.type}:{t.tag}" for t in tokens(text, parser) if t.type not in {"text", "text_special"}]


def plain_text(text: str, parser: str) -> str:
    """The literal text a reader sees: inline text joined, line breaks as newlines.

    The invisible word joiners the escaping puts into web and e-mail addresses are not seen.
    """
    parts = []
    for token in parse(text, parser):
        if token.type == "inline":
            inline = []
            for child in token.children or ():
                if child.type in {"text", "text_special", "code_inline"}:
                    inline.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    inline.append("\n")
            parts.append("".join(inline))
    return "\n".join(parts).replace("\u2060", "")
