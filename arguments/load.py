"""Read a data pack from its TOML files and validate it whole.

Every problem is collected (syntax, unknown keys, missing or empty fields, bad dates, duplicate
ids, dangling references, thin claims, uncited evidence) and reported together, each naming the
file, the record and the field. A pack is returned only if it has no problem at all.

A file that cannot be read (a TOML syntax error, not UTF-8) is reported first and alone: the
references other files make to the kind of record it holds cannot be checked until it is fixed, so
they are counted in its one line instead of listed as "unknown" ids. Duplicate ids are found among
every record, valid or not; a file, or a kind, with no records at all is refused.
"""

from __future__ import annotations

import gc
import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from arguments.model import (
    ID_PATTERN,
    Claim,
    Evidence,
    Pack,
    PackInfo,
    Question,
    School,
    Thesis,
    Topic,
    VocabularySpec,
    Work,
)

# rtoml (Rust) parses a 100× pack about twenty times faster than the standard library. toml-rs is
# faster still (1.4×), but its bundled allocator keeps about 19 MB per server process for two small
# packs (rtoml: 4 MB), and a school runs several processes: rtoml it is.
try:
    import rtoml

    _parse_toml = rtoml.loads
    _TOML_ERRORS: tuple[type[Exception], ...] = (rtoml.TomlParsingError, tomllib.TOMLDecodeError)
except ImportError:  # pragma: no cover - the standard library parser gives the same results
    _parse_toml = tomllib.loads
    _TOML_ERRORS = (tomllib.TOMLDecodeError,)

PACKS_FOLDER = Path(__file__).resolve().parent.parent / "schools"
# The default debate: its ids and links are the ones the planner has always had.
BUNDLED_PACK = PACKS_FOLDER / "soviet-foreign-policy"
VOCABULARY_FILE = "vocabulary.toml"


def bundled_packs() -> tuple[Path, ...]:
    """Every debate under ``schools/`` (one folder each, with a ``pack.toml``), the default first."""
    found = sorted(p.parent for p in PACKS_FOLDER.glob("*/pack.toml"))
    return tuple(sorted(found, key=lambda p: p != BUNDLED_PACK))


MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """One kind of record: where it lives, its TOML table name and its model."""

    key: str
    label: str
    paths: tuple[str, ...]
    model: type[BaseModel]


KINDS: tuple[Kind, ...] = (
    Kind("work", "work", ("works/*.toml",), Work),
    Kind("school", "school", ("schools.toml",), School),
    Kind("evidence", "evidence", ("evidence/*.toml",), Evidence),
    Kind("claim", "claim", ("claims.toml", "claims/*.toml"), Claim),
    Kind("thesis", "thesis", ("theses.toml", "theses/*.toml"), Thesis),
    Kind("question", "question", ("questions.toml", "questions/*.toml"), Question),
    Kind("topic", "topic", ("topics.toml",), Topic),
)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a pack, said so a teacher can find and fix it."""

    file: str
    record: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field '{self.field}'")
        return " — ".join(parts) + f": {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "record": self.record,
            "field": self.field,
            "line": self.line,
            "message": self.message,
        }


# Messages for a file that gave no records (unreadable, or empty): reported first, alone for their
# file, with the references the rest of the pack makes to its kind of record counted in that one line.
_UNREADABLE = ("TOML syntax error", "is not UTF-8 text", "cannot be read", "is larger than", "holds no [[")


def _unreadable(problem: Problem) -> bool:
    return not problem.record and problem.message.startswith(_UNREADABLE)


class PackError(Exception):
    """The pack is invalid; ``problems`` lists every problem found."""

    def __init__(self, directory: Path, problems: Iterable[Problem]) -> None:
        self.directory = directory
        self.problems = tuple(
            sorted(problems, key=lambda p: (not _unreadable(p), p.file, p.line or 0, p.record, p.field))
        )
        n = len(self.problems)
        super().__init__(f"{directory}: {n} problem{'s' * (n != 1)} in the data pack")

    def report(self) -> str:
        return "\n".join([str(self)] + [f"- {p}" for p in self.problems])


@dataclass(eq=False)
class _Source:
    """A file of the pack as it was read: its records' lines are found only when a message asks.

    A valid pack needs no line numbers, and a 100× pack's files are 300,000 lines long, so neither the
    scan nor the text is kept: the file is read again for its lines the first time one is asked for
    (``check`` asks straight after loading). A file changed since it was loaded gives no line numbers
    rather than wrong ones.
    """

    path: str  # relative to the pack directory, with forward slashes
    file: Path
    stamp: tuple[int, int]  # (size, modification time in ns) when it was read
    lines: dict[str, list[int]] = field(default_factory=dict, repr=False)  # table -> its records' lines

    def line(self, table: str, position: int) -> int | None:
        """The line of this file's ``position``-th ``[[table]]`` record (from 1)."""
        if table not in self.lines:
            self.lines[table] = _record_lines(self._text_as_read(), table)
        lines = self.lines[table]
        return lines[position - 1] if position <= len(lines) else None

    def _text_as_read(self) -> bytes:
        try:
            raw = self.file.read_bytes()
            return raw if _stamp(self.file.stat(), raw) == self.stamp else b""
        except OSError:
            return b""


def _stamp(stat: os.stat_result, raw: bytes) -> tuple[int, int]:
    return len(raw), stat.st_mtime_ns


class _Place(NamedTuple):
    """Where a record was written: its file and its place among the file's ``[[table]]`` records."""

    source: _Source
    table: str
    position: int  # from 1

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def line(self) -> int | None:
        return self.source.line(self.table, self.position)


class _Where(Mapping[tuple[str, str], tuple[str, int | None]]):
    """``Pack.where``: (kind, id) → (file, line), the line found only when asked for."""

    def __init__(self, places: dict[str, dict[str, _Place]]) -> None:
        self._places = places  # kind -> id -> place

    def __getitem__(self, key: tuple[str, str]) -> tuple[str, int | None]:
        kind, rid = key
        at = self._places.get(kind, {})[rid]
        return at.path, at.line

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((kind, rid) for kind, ids in self._places.items() for rid in ids)

    def __len__(self) -> int:
        return sum(map(len, self._places.values()))


class _Id(NamedTuple):
    """Where a record with this id was written, valid or not (for duplicates)."""

    id: str
    at: _Place


def load_pack(directory: str | Path | None = None) -> Pack:
    """Load and validate a pack directory (the bundled ``schools/`` by default).

    Raises ``PackError`` listing every problem; never returns a half-loaded pack.
    """
    # Tens of thousands of small records are created at once and none forms a cycle: the cyclic
    # garbage collector's passes over them would only cost time (a fifth of a 100× pack's load).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_pack(directory)
    finally:
        if enabled:
            gc.enable()


def _load_pack(directory: str | Path | None) -> Pack:
    root = Path(directory) if directory is not None else BUNDLED_PACK
    problems: list[Problem] = []
    if not root.is_dir():
        raise PackError(root, [Problem(str(root), "", "", "no such folder: point --pack at a copy of schools/")])

    info = _load_info(root, problems)
    vocabulary, vocabulary_source = _load_vocabulary(root, problems)
    records: dict[str, list[tuple[BaseModel, _Place]]] = {}
    written: dict[str, list[_Id]] = {}
    unread: dict[str, list[Problem]] = {}  # kind -> the problems of its files that gave no records
    for kind in KINDS:
        before = len(problems)
        records[kind.key], written[kind.key] = _load_kind(root, kind, problems)
        unread[kind.key] = [p for p in problems[before:] if _unreadable(p)]
    seen: dict[str, dict[str, _Place]] = {}
    for kind in KINDS:
        seen[kind.key] = {}
        for found in written[kind.key]:  # every record with an id, valid or not
            first = seen[kind.key].setdefault(found.id, found.at)
            if first is not found.at:
                at = f"{first.path}:{first.line}" if first.line else first.path
                problems.append(
                    Problem(
                        found.at.path,
                        f"{kind.label} '{found.id}'",
                        "id",
                        f"duplicate id: already used at {at}",
                        found.at.line,
                    )
                )
    ids = {key: found.keys() for key, found in seen.items()}  # invalid records too
    themes = None if info is None else info.theme_labels
    unchecked = _check_references(records, ids, problems, {k for k, found in unread.items() if found}, themes)
    for position, term in enumerate(vocabulary.term if vocabulary and not unread["work"] else (), start=1):
        if term.source not in ids["work"]:
            at = vocabulary_source.line("term", position) if vocabulary_source else None
            problems.append(
                Problem(
                    VOCABULARY_FILE,
                    f"term '{term.word}'",
                    "source",
                    f"refers to unknown work '{term.source}': check the id or add the work",
                    at,
                )
            )
    for kind, count in unchecked.items():
        _summarise_unchecked(problems, unread[kind], kind, count)
    if problems or info is None:
        raise PackError(root, problems)
    unique = {k: tuple(record for record, _ in records[k]) for k in records}  # no id twice: that is a problem
    return Pack(
        info=info,
        works=unique["work"],
        schools=unique["school"],
        evidence=tuple(sorted(unique["evidence"], key=lambda e: (e.date.start, e.date.end, e.id))),  # in date order
        claims=unique["claim"],
        theses=unique["thesis"],
        questions=unique["question"],
        topics=unique["topic"],
        vocabulary=vocabulary or VocabularySpec(),
        where=_Where(seen),
    )


def check_pack(directory: str | Path | None = None) -> tuple[Pack | None, tuple[Problem, ...]]:
    """Like ``load_pack`` but returns ``(pack, ())`` or ``(None, problems)``."""
    try:
        return load_pack(directory), ()
    except PackError as error:
        return None, error.problems


def _read(root: Path, path: Path, problems: list[Problem]) -> tuple[_Source, dict[str, Any]] | None:
    rel = path.relative_to(root).as_posix()
    try:
        stat = path.stat()
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(rel, "", "", f"cannot be read: {error.strerror or error}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(rel, "", "", f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(rel, "", "", "is not UTF-8 text: save it as UTF-8", line))
        return None
    try:
        data = _parse_toml(text)
    except _TOML_ERRORS as error:
        message, line = _syntax_error(str(error))
        problems.append(Problem(rel, "", "", f"TOML syntax error: {message}", line))
        return None
    return _Source(rel, path, _stamp(stat, raw)), data


def _syntax_error(text: str) -> tuple[str, int | None]:
    """The parser's message on one line (rtoml: ``reason at line 2 column 5``; the standard library:
    ``Invalid value (at line 2, column 5)``), and the line it names."""
    found = re.search(r"\bline (\d+)", text)
    return " ".join(text.split()), int(found.group(1)) if found else None


def _load_info(root: Path, problems: list[Problem]) -> PackInfo | None:
    path = root / "pack.toml"
    if not path.is_file():
        problems.append(Problem("pack.toml", "", "", "is missing: every pack needs a [pack] table with id and version"))
        return None
    read = _read(root, path, problems)
    if read is None:
        return None
    source, data = read
    for key in data:
        if key != "pack":
            problems.append(Problem(source.path, "", key, "unknown table: pack.toml holds only [pack]"))
    table = data.get("pack")
    if not isinstance(table, dict):
        problems.append(Problem(source.path, "[pack]", "", "is missing: add a [pack] table"))
        return None
    try:
        return PackInfo.model_validate(table)
    except ValidationError as error:
        problems.extend(_explain(error, source, "[pack]", None, PackInfo))
        return None


def _load_vocabulary(root: Path, problems: list[Problem]) -> tuple[VocabularySpec | None, _Source | None]:
    """The pack's optional ``vocabulary.toml`` (synonyms, period phrases, key terms, the topic rules),
    and the file it was read from."""
    path = root / VOCABULARY_FILE
    if not path.is_file():
        return VocabularySpec(), None
    read = _read(root, path, problems)
    if read is None:
        return None, None
    source, data = read
    try:
        return VocabularySpec.model_validate(data), source
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            line = source.line(str(loc[0]), loc[1] + 1) if len(loc) > 1 and isinstance(loc[1], int) else None
            label = f"[[{loc[0]}]] {loc[1] + 1}" if line else (f"[{loc[0]}]" if loc else "")
            single = ValidationError.from_exception_data(error.title, [item])  # type: ignore[list-item]
            problems.extend(_explain(single, source, label, line, VocabularySpec))
        return None, source


def _no_records(kind: Kind, path: str) -> str:
    """What to do about a file of the pack that holds no records of its kind (empty, or only comments)."""
    block = f"copy a [[{kind.key}]] block from {kind.paths[0]} in the bundled schools/ folder"
    if path in kind.paths:  # a file every pack has
        return f"holds no [[{kind.key}]] records: the pack needs at least one here ({block})"
    return f"holds no [[{kind.key}]] records: add at least one ({block}), or delete the file"


def _summarise_unchecked(problems: list[Problem], unread: list[Problem], kind: str, count: int) -> None:
    """Fold the references to a kind whose file could not be read into that file's one problem."""
    first = unread[0]
    names = " or ".join(p.file for p in unread)
    note = (
        f" ({count} reference{'s' * (count != 1)} to {kind} ids elsewhere in the pack could not be checked: "
        f"{'they' if count != 1 else 'it'} may name a {kind} in {names}; fix this first, then check again)"
    )
    problems[problems.index(first)] = Problem(first.file, first.record, first.field, first.message + note, first.line)


def _load_kind(root: Path, kind: Kind, problems: list[Problem]) -> tuple[list[tuple[BaseModel, _Place]], list[_Id]]:
    files: list[Path] = []
    for pattern in kind.paths:
        found = sorted(root.glob(pattern))
        if not found and "*" not in pattern:
            problems.append(Problem(pattern, "", "", f"is missing: the pack needs its [[{kind.key}]] records here"))
        files.extend(p for p in found if p.is_file())
    if not files and any("*" in p for p in kind.paths):
        problems.append(Problem(kind.paths[0], "", "", f"no files found: the pack needs [[{kind.key}]] records"))
    loaded: list[tuple[BaseModel, _Place]] = []
    written: list[_Id] = []
    for path in files:
        read = _read(root, path, problems)
        if read is None:
            continue
        source, data = read
        for key in data:
            if key != kind.key:
                problems.append(
                    Problem(source.path, "", key, f"unknown table: this file holds only [[{kind.key}]] records")
                )
        tables = data.get(kind.key, [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            problems.append(
                Problem(source.path, "", kind.key, f"write records as [[{kind.key}]] tables (an array of tables)")
            )
            continue
        if not tables:
            problems.append(Problem(source.path, "", "", _no_records(kind, source.path)))
            continue
        for position, table in enumerate(tables, start=1):
            rid = table.get("id")
            at = _Place(source, kind.key, position)
            if isinstance(rid, str) and rid:
                written.append(_Id(rid, at))
            try:
                loaded.append((kind.model.model_validate(table), at))
            except ValidationError as error:
                label = f"{kind.label} '{rid}'" if isinstance(rid, str) and rid else f"{kind.label} #{position} (no id)"
                problems.extend(_explain(error, source, label, at.line, kind.model))
    return loaded, written


def _record_lines(raw: bytes, table: str) -> list[int]:
    """The line of each ``[[table]]`` record in a file's bytes: its ``id = ...`` line, else its header.

    After each header, the first line that sets ``id`` or opens a table tells which: an ``id`` set
    before the record's first sub-table is the record's own. Every pattern starts with the newline
    before its line, so the regex engine can skip ahead to newlines.
    """
    text = b"\n" + raw  # the first line has a newline before it too
    header = re.compile(rb"\n[ \t]*\[\[[ \t]*" + re.escape(table.encode()) + rb"[ \t]*\]\]")
    lines, line, position = [], 0, 0
    for found in header.finditer(text):
        after = _ID_OR_TABLE.search(text, found.end())
        offset = after.start() if after is not None and after.group(1) else found.start()
        line += text.count(b"\n", position, offset + 1)  # in text order: the newlines up to it
        position = offset + 1
        lines.append(line)
    return lines


_ID_OR_TABLE = re.compile(rb"\n[ \t]*(?:(id)[ \t]*=|\[)")


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += ("." if path else "") + str(part)
    return path


_HINTS = {
    "sources": "has no citation: list at least one work id in sources",
    "support": "needs at least 2 supporting evidence links ([[claim.support]])",
    "counter": "needs at least 1 counter evidence link ([[claim.counter]]) with a rebuttal",
    "claims": "needs at least 3 claims (one per body paragraph)",
    "historians": "needs at least 3 historians with their works",
}


def _explain(
    error: ValidationError, source: _Source, label: str, line: int | None, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    allowed = ", ".join(model.model_fields)
    for item in error.errors():
        loc = tuple(item["loc"])
        kind = item["type"]
        field = _field_path(loc)
        ctx = item.get("ctx", {})
        if kind == "missing":
            message = _HINTS.get(str(loc[-1]), "is missing: add it")
        elif kind == "extra_forbidden":
            message = f"unknown key: remove or rename it (allowed keys: {allowed})" if len(loc) == 1 else "unknown key"
        elif kind == "string_too_short":
            message = "is empty: write some text"
        elif kind == "too_short":
            message = _HINTS.get(str(loc[-1]), f"needs at least {ctx.get('min_length')} items")
            message += f" (has {ctx.get('actual_length', 0)})" if "actual_length" in ctx else ""
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") != ID_PATTERN:
            message = f"'{item['input']}' is not a token: lower-case letters and digits only, no spaces"
        elif kind == "string_pattern_mismatch":
            message = f"'{item['input']}' is not a kebab-case id (lower-case letters, digits and single hyphens)"
        elif kind == "literal_error":
            message = f"'{item['input']}' is not allowed: use one of {ctx.get('expected')}"
        elif kind == "value_error":
            message = str(ctx.get("error", item["msg"]))
        elif kind in {"greater_than_equal", "less_than_equal"}:
            message = f"{item['input']} is out of range ({item['msg'].lower()})"
        else:
            message = item["msg"]
        if "date" in loc[:1] and kind == "value_error":
            message = f"bad date: {message}"
        problems.append(Problem(source.path, label, field, message, line))
    return problems


def _check_references(
    records: dict[str, list[tuple[BaseModel, _Place]]],
    ids: dict[str, Set[str]],
    problems: list[Problem],
    unread: set[str],
    themes: dict[str, str] | None = None,
) -> dict[str, int]:
    """Report every reference to an id the pack does not have; returns, for each kind in ``unread``
    (a file of it could not be read), how many references to it could not be checked.

    ``ids``: every id written, valid record or not (an invalid record has a problem of its own; the
    records that name it are not wrong as well).
    """
    unchecked: dict[str, int] = {}

    def need(kind: str, wanted: str, at: _Place, label: str, field: str) -> None:
        """Report ``wanted``, which is not among the ids of ``kind`` (callers test that first: it is cheap)."""
        if kind in unread:  # it may be in the file that could not be read: counted, not listed
            unchecked[kind] = unchecked.get(kind, 0) + 1
            return
        problems.append(
            Problem(
                at.path, label, field, f"refers to unknown {kind} '{wanted}': check the id or add the {kind}", at.line
            )
        )

    works, schools, items, claims, theses = (ids[k] for k in ("work", "school", "evidence", "claim", "thesis"))
    for record, at in records["school"]:
        school: School = record  # type: ignore[assignment]
        label = f"school '{school.id}'"
        for i, historian in enumerate(school.historians, start=1):
            for w in historian.works:
                if w not in works:
                    need("work", w, at, label, f"historians[{i}].works")
    for record, at in records["evidence"]:
        item: Evidence = record  # type: ignore[assignment]
        label = f"evidence '{item.id}'"
        for w in item.sources:
            if w not in works:
                need("work", w, at, label, "sources")
        for s in item.supports:
            if s not in schools:
                need("school", s, at, label, "supports")
        for s in item.challenges:
            if s not in schools:
                need("school", s, at, label, "challenges")
        for t in item.themes if themes is not None else ():
            if t not in themes:
                known = ", ".join(themes)
                problems.append(
                    Problem(
                        at.path,
                        label,
                        "themes",
                        f"'{t}' is not one of the pack's themes ({known}): use one of them, "
                        "or add it to [pack.themes] in pack.toml",
                        at.line,
                    )
                )
        for s in set(item.supports) & set(item.challenges):
            problems.append(
                Problem(at.path, label, "challenges", f"school '{s}' is in both supports and challenges", at.line)
            )
    for record, at in records["claim"]:
        claim: Claim = record  # type: ignore[assignment]
        label = f"claim '{claim.id}'"
        for s in claim.schools:
            if s not in schools:
                need("school", s, at, label, "schools")
        for w in claim.held_by:
            if w not in works:
                need("work", w, at, label, "held_by")
        for side, links in (("support", claim.support), ("counter", claim.counter)):
            used: set[str] = set()
            for i, link in enumerate(links, start=1):
                if link.evidence not in items:
                    need("evidence", link.evidence, at, label, f"{side}[{i}].evidence")
                if link.evidence in used:
                    problems.append(
                        Problem(at.path, label, f"{side}[{i}].evidence", f"'{link.evidence}' is listed twice", at.line)
                    )
                used.add(link.evidence)
        for both in {link.evidence for link in claim.support} & {link.evidence for link in claim.counter}:
            problems.append(
                Problem(at.path, label, "counter", f"'{both}' is both supporting and counter evidence", at.line)
            )
    for record, at in records["thesis"]:
        thesis: Thesis = record  # type: ignore[assignment]
        label = f"thesis '{thesis.id}'"
        for s in thesis.schools:
            if s not in schools:
                need("school", s, at, label, "schools")
        for i, c in enumerate(thesis.claims, start=1):
            if c not in claims:
                need("claim", c, at, label, f"claims[{i}]")
        if len(set(thesis.claims)) != len(thesis.claims):
            problems.append(Problem(at.path, label, "claims", "lists the same claim twice", at.line))
        if thesis.rival and thesis.rival not in claims:
            need("claim", thesis.rival, at, label, "rival")
    for record, at in records["question"]:
        question: Question = record  # type: ignore[assignment]
        label = f"question '{question.id}'"
        for t in question.theses:
            if t not in theses:
                need("thesis", t, at, label, "theses")
        for i, framing in enumerate(question.framing, start=1):
            if framing.rival and framing.rival not in claims:
                need("claim", framing.rival, at, label, f"framing[{i}].rival")
            if framing.thesis not in question.theses:
                problems.append(
                    Problem(
                        at.path,
                        label,
                        f"framing[{i}].thesis",
                        f"'{framing.thesis}' is not in this question's theses: add it there or fix the id",
                        at.line,
                    )
                )
        if question.years and question.years[0] > question.years[1]:
            problems.append(Problem(at.path, label, "years", "the first year is after the second", at.line))
    for record, at in records["topic"]:
        topic: Topic = record  # type: ignore[assignment]
        label = f"topic '{topic.id}'"
        for e in topic.evidence:
            if e not in items:
                need("evidence", e, at, label, "evidence")
        for s, _ in topic.readings:
            if s not in schools:
                need("school", s, at, label, f"readings.{s}")
    return unchecked
