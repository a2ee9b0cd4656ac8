"""Exported Markdown → the plan's inputs again (thesis, question, edits): the other half of the round trip.

``render_markdown`` opens every export with YAML front matter::

    ---
    essay-plan: 1                      # format version (required)
    pack: "mini-pack"                  # the data pack's id (required)
    pack-version: "0.1.0"
    thesis: "cs-genuine"               # the thesis id (required)
    question: "a-curated-question-id"          # a curated question's id, or instead:
    question-text: "A question the student typed"
    order: ["cs-munich", "cs-genuine-turn"]    # the student's paragraph order; [] = the thesis's order
    dropped: ["cs-munich/secret-protocol"]     # claim-id/evidence-id of each dropped item
    thesis-text: "The student's own thesis wording"
    notes:
      "introduction": "A note"         # introduction, historiography, conclusion or a claim id
    ---

Only the front matter is read back; the Markdown below it is for people. ``parse_export`` never
raises: a file that cannot be restored gets one message saying what is wrong (and that nothing was
imported), and parts that no longer fit the pack are skipped with a warning each. Messages echo
nothing from the file except well-formed ids, so they are safe to show as Markdown.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from arguments.export import FORMAT_NAME, FORMAT_VERSION, plan_to_dict, render_markdown
from arguments.model import ID_PATTERN, Pack, Thesis
from arguments.outline import build_outline
from arguments.plan import LENGTHS, MAX_NOTE_CHARS, SECTIONS, EssayPlan, NoteTooLongError, PlanEdits, build_plan
from arguments.question import QuestionAnalysis, analyse_question, from_question
from arguments.word import DocxError, docx_paragraphs, is_docx, read_docx, state_lines

MAX_IMPORT_BYTES = 1024 * 1024
MAX_DOCX_BYTES = 10 * 1024 * 1024  # a plan's .docx is some 40 KB; a student may add pictures in Word
# An export's front matter has a dozen lines; even every note at its limit, fully escaped, stays far below these.
MAX_FRONT_MATTER_LINES = 200
MAX_FRONT_MATTER_CHARS = 256 * 1024
KEPT = "Nothing was imported: the plan you have open is unchanged."
_ID = re.compile(ID_PATTERN)
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$")
_KNOWN_KEYS = (
    FORMAT_NAME,
    "pack",
    "pack-version",
    "thesis",
    "question",
    "question-text",
    "order",
    "dropped",
    "thesis-text",
    "notes",
    "length",
)
_FORMAT_LINE = re.compile(rf"^[\"']?{FORMAT_NAME}[\"']?\s*:")
_SHOWN = 5  # ids named in one warning; the rest are counted
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


@dataclass(frozen=True)
class PlanInputs:
    """Everything ``build_plan`` needs to rebuild the exported plan."""

    thesis_id: str
    edits: PlanEdits
    question: QuestionAnalysis | None = None

    def build(self, pack: Pack) -> EssayPlan:
        return build_plan(pack, self.thesis_id, self.edits, self.question)


@dataclass(frozen=True)
class ImportResult:
    """``ok`` with ``plan_inputs``, or not ``ok`` with ``plan_inputs`` None: never half a plan."""

    ok: bool
    message: str
    warnings: tuple[str, ...] = ()
    plan_inputs: PlanInputs | None = None


class _Rejected(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def parse_export(data: bytes | bytearray | memoryview | str, pack: Pack) -> ImportResult:
    """Restore a plan's inputs from an exported Markdown or Word file (bytes as uploaded, or text)."""
    try:
        if isinstance(data, bytes | bytearray | memoryview) and is_docx(bytes(data[:4])):
            return _parse_docx(bytes(data), pack)
        return _parse(data, pack)
    except _Rejected as rejected:
        return ImportResult(ok=False, message=f"{rejected.problem} {KEPT}")
    # Nothing else is caught: every way a file can be wrong is a _Rejected with its reason, and the
    # "never raises" tests (tests/arguments/test_imports.py, test_word.py) fail on anything that escapes.


def _parse(data: object, pack: Pack, body_check: Callable[[PlanInputs], list[str]] | None = None) -> ImportResult:
    text = _decode(data)
    lines = text.split("\n")  # never splitlines(): U+2028, form feeds etc. are not line ends here
    close = _front_matter_end(text, lines)
    block = "\n".join(lines[1:close])
    if close > MAX_FRONT_MATTER_LINES or len(block) > MAX_FRONT_MATTER_CHARS:
        raise _Rejected(
            "The front matter (the block between the two '---' lines at the top) is far larger than an exported "
            "plan's: it was not written by the planner."
        )
    front = _load_yaml(block)
    fields = _check_fields(front)
    warnings: list[str] = []
    unknown_keys = [k for k in front if k not in _KNOWN_KEYS]
    if unknown_keys:
        warnings.append(f"The front matter has {_names(unknown_keys, 'key')} this planner does not use; ignored.")

    file_pack, file_version = fields["pack"], fields.get("pack-version")
    other_pack = file_pack != pack.info.id
    thesis_id = fields["thesis"]
    if thesis_id not in pack.thesis:
        made_with = (
            f" (the file was made with another data pack, {_name(file_pack, 'data pack id')})" if other_pack else ""
        )
        raise _Rejected(
            f"The plan's thesis {_name(thesis_id, 'thesis id')} is not in the data pack in use, {_name(pack.info.id)}"
            f"{made_with}, so the plan cannot be restored."
        )
    if other_pack:
        warnings.append(
            f"This plan was made with another data pack, {_name(file_pack, 'data pack id')}; "
            f"you are using {_name(pack.info.id)}. "
            "Whatever in it matches this pack was restored."
        )
    elif file_version is not None and file_version != pack.info.version:
        warnings.append(
            f"This plan was made with version {_version(file_version)} of the data pack; you are using version "
            f"{_version(pack.info.version)}, so the plan's texts follow the current version."
        )
    thesis = pack.thesis[thesis_id]
    question = _question(fields, pack, warnings)
    edits = _edits(fields, pack, thesis, warnings)
    inputs = PlanInputs(thesis_id=thesis_id, edits=edits, question=question)
    if not warnings and not other_pack and file_version == pack.info.version:
        warnings += _body_check(inputs, pack, lines, close) if body_check is None else body_check(inputs)
    return ImportResult(ok=True, message=_summary(inputs, warnings), warnings=tuple(warnings), plan_inputs=inputs)


def named_pack(data: bytes) -> str | None:
    """The data pack id a downloaded plan (.md or .docx) names, or None if it names none readably."""
    try:
        if is_docx(data[:4]):
            state = read_docx(data).state
            lines = state_lines(state) if state is not None else []
            text = "\n".join(["---", *lines, "---", ""])
        else:
            text = _decode(data)
        lines = text.split("\n")
        front = _load_yaml("\n".join(lines[1 : _front_matter_end(text, lines)]))
    except (_Rejected, DocxError):
        return None
    found = front.get("pack") if isinstance(front, dict) else None
    return found if isinstance(found, str) else None


def _decode(data: object) -> str:
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        text = data
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        size = len(raw)
        text = None
    else:
        raise _Rejected("That is not a file.")
    if size > MAX_IMPORT_BYTES:
        raise _Rejected(
            f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB: it is not an exported plan "
            "(an export is a few kilobytes)."
        )
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise _Rejected(
                f"The file is not UTF-8 text (the first bad byte is on line {line}): it is not an exported plan, "
                "or it was re-saved in another encoding. Download the plan again, or save the file as UTF-8."
            ) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Spaces and tabs an editor or a mail program left at line ends: the planner writes none in the
    # front matter (every string is quoted on one line), so they are never part of the plan.
    return _TRAILING.sub("", text)


def _front_matter_end(text: str, lines: list[str]) -> int:
    """The index of the line that closes the front matter."""
    if not text.strip():
        raise _Rejected("The file is empty.")
    start = f"---\n{FORMAT_NAME}:"
    cut_early = start.startswith(text)  # e.g. a download that stopped after "---\ness"
    if not cut_early and (lines[0] != "---" or not any(_FORMAT_LINE.match(line) for line in lines[1:50])):
        raise _Rejected(
            "This is not a plan exported by the planner: an export begins with a line '---' and the "
            f"planner's front matter ('{FORMAT_NAME}: {FORMAT_VERSION}'), and this file does not."
        )
    for i in range(1, len(lines)):
        if lines[i] == "---":
            return i
    raise _Rejected(
        "The file is cut short: its front matter (the block between the two '---' lines at the top) never "
        "ends, so the plan in it is incomplete. Download the plan again."
    )


def _load_yaml(block: str) -> Any:
    try:
        return yaml.safe_load(block)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" (line {mark.line + 2} of the file)" if mark is not None else ""
        raise _Rejected(
            f"The front matter is not valid YAML{where}: it was probably edited by hand. "
            "Undo that edit, or export the plan again."
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):  # absurd nesting; impossible dates
        raise _Rejected(
            "The front matter is not valid YAML: it was probably edited by hand. "
            "Undo that edit, or export the plan again."
        ) from None


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_note_map(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str | None) for k, v in value.items())


_TYPES: tuple[tuple[str, str, Any, bool], ...] = (
    # key, what it should be, check, required
    ("pack", "the data pack's id (text)", lambda v: isinstance(v, str), True),
    ("pack-version", "text", lambda v: isinstance(v, str), False),
    ("thesis", "a thesis id (text)", lambda v: isinstance(v, str), True),
    ("question", "a question id (text)", lambda v: isinstance(v, str), False),
    ("question-text", "text", lambda v: isinstance(v, str), False),
    ("order", "a list of claim ids", _is_str_list, False),
    ("dropped", "a list of 'claim-id/evidence-id' entries", _is_str_list, False),
    ("thesis-text", "text", lambda v: isinstance(v, str), False),
    ("notes", "a table of section: text", _is_note_map, False),
    ("length", "one of " + ", ".join(LENGTHS), lambda v: isinstance(v, str), False),
)
# Plans saved before the exam plan (no "length" in the file) carried every claim and item.
EARLIER_VERSION = (
    "This plan was saved by an earlier version of the planner, which wrote full notes: it is restored as "
    "revision notes. Choose the time for your essay to size it as an exam plan."
)


def _check_fields(front: object) -> dict[str, Any]:
    """The known fields, type-checked; any problem rejects the file (one message names them all)."""
    if not isinstance(front, dict) or FORMAT_NAME not in front:
        raise _Rejected(
            "This is not a plan exported by the planner: its front matter has no "
            f"'{FORMAT_NAME}: {FORMAT_VERSION}' line."
        )
    version = front[FORMAT_NAME]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Rejected(f"The front matter's '{FORMAT_NAME}' should be the format number {FORMAT_VERSION}.")
    if version > FORMAT_VERSION:
        raise _Rejected(
            f"This plan was exported by a newer version of the planner (format {version}); "
            f"this version reads format {FORMAT_VERSION}. Update the planner."
        )
    missing = [key for key, _, _, required in _TYPES if required and front.get(key) is None]
    wrong = [
        f"'{key}' should be {what}"
        for key, what, check, _ in _TYPES
        if front.get(key) is not None and not check(front[key])
    ]
    if missing or wrong:
        problems = [f"'{key}' is missing" for key in missing] + wrong
        raise _Rejected(f"The front matter was edited into something the planner cannot read: {'; '.join(problems)}.")
    return {key: front[key] for key, _, _, _ in _TYPES if front.get(key) is not None}


def _question(fields: dict[str, Any], pack: Pack, warnings: list[str]) -> QuestionAnalysis | None:
    question_id, text = fields.get("question"), fields.get("question-text")
    if question_id is not None:
        if text is not None:
            warnings.append("The file names both a question and a question text; the question was used.")
        if question_id in pack.question:
            return from_question(pack.question[question_id], pack)
        warnings.append(
            f"The question {_name(question_id, 'question id')} is not in this data pack; "
            "the plan was restored without a question."
        )
        return None
    if text is None:
        return None
    if not text.strip():
        warnings.append("The question in the file is empty; the plan was restored without a question.")
        return None
    if len(text) > MAX_NOTE_CHARS:
        warnings.append(
            f"The question in the file has {len(text)} characters, over the limit of {MAX_NOTE_CHARS}; "
            "the plan was restored without a question."
        )
        return None
    return analyse_question(text, pack)


def _claim_ids(thesis: Thesis, pack: Pack) -> dict[str, set[str]]:
    """Each of the thesis's claims → the ids of the evidence its paragraph can drop."""
    return {
        c: {link.evidence for link in pack.claim[c].support + pack.claim[c].counter}
        for c in thesis.claims
        if c in pack.claim
    }


def _edits(fields: dict[str, Any], pack: Pack, thesis: Thesis, warnings: list[str]) -> PlanEdits:
    paragraphs = _claim_ids(thesis, pack)
    edits = PlanEdits()

    order: list[str] = []
    unknown: dict[Any, None] = {}  # each value once, in the file's order (a file may repeat one 10,000 times)
    repeated: dict[str, None] = {}
    for claim_id in fields.get("order", []):
        if claim_id not in paragraphs:
            unknown.setdefault(claim_id, None)
        elif claim_id in order:
            repeated.setdefault(claim_id, None)
        else:
            order.append(claim_id)
    if unknown:
        warnings.append(f"The paragraph order names {_names(list(unknown), 'claim')} not in this thesis; skipped.")
    if repeated:
        warnings.append(
            f"The paragraph order lists {_names(list(repeated), 'claim')} more than once; the first place was kept."
        )
    if order and len(order) < len(paragraphs):
        left_out = [c for c in thesis.claims if c not in order]
        warnings.append(f"The paragraph order leaves out {_names(left_out, 'claim')}; they follow the others.")
    if order:
        edits = PlanEdits(order=tuple(order))

    dropped: list[str] = []
    malformed, foreign, misplaced = [], [], []
    for key in dict.fromkeys(fields.get("dropped", [])):  # each entry once, however often the file repeats it
        claim_id, slash, evidence_id = key.partition("/")
        if not slash or not _ID.fullmatch(claim_id) or not _ID.fullmatch(evidence_id):
            malformed.append(key)
        elif claim_id not in paragraphs:
            foreign.append(key)
        elif evidence_id not in paragraphs[claim_id]:
            misplaced.append(key)
        else:
            dropped.append(key)
    if malformed:
        n = len(malformed)
        warnings.append(
            f"The dropped-evidence list has {n} {'entry' if n == 1 else 'entries'} not of the form "
            "'claim-id/evidence-id'; skipped."
        )
    if foreign:
        warnings.append(
            f"The dropped-evidence list names {_names(foreign, 'entry', plural='entries')} for a paragraph not in "
            "this thesis; skipped."
        )
    if misplaced:
        warnings.append(
            f"The dropped-evidence list names {_names(misplaced, 'entry', plural='entries')} whose evidence is not "
            "in that paragraph; skipped."
        )
    for claim_id, evidence_id in (key.split("/", 1) for key in dropped):
        edits = edits.with_dropped(claim_id, evidence_id)

    length = fields.get("length")
    if length is None:
        edits = edits.with_length("revision")
        warnings.append(EARLIER_VERSION)
    elif length in LENGTHS:
        edits = edits.with_length(length)
    else:
        warnings.append(
            f"The plan's length {_name(length, 'length')} is not one this planner knows "
            f"({', '.join(LENGTHS)}); the default was used."
        )

    if "thesis-text" in fields:
        try:
            edits = edits.with_thesis_text(fields["thesis-text"])
        except NoteTooLongError:
            warnings.append(
                f"Your own thesis wording has more than {MAX_NOTE_CHARS} characters and was not restored; "
                "copy it from the file by hand."
            )

    unknown_sections, too_long = [], []
    for section, text in fields.get("notes", {}).items():
        if section not in SECTIONS and section not in paragraphs:
            unknown_sections.append(section)
            continue
        try:
            edits = edits.with_note(section, text or "")
        except NoteTooLongError:
            too_long.append(_section_label(section, thesis))
    if unknown_sections:
        warnings.append(
            f"Notes for {_names(unknown_sections, 'section')} not in this plan were skipped; copy them from the "
            "file by hand."
        )
    for label in too_long:
        warnings.append(
            f"The note for {label} is over the limit of {MAX_NOTE_CHARS} characters and was not restored; "
            "copy it from the file by hand."
        )
    return edits


def _section_label(section: str, thesis: Thesis) -> str:
    if section in SECTIONS:
        return f"the {section}"
    return f"the paragraph {_name(section, 'claim id')}"


def _body_check(inputs: PlanInputs, pack: Pack, lines: list[str], close: int) -> list[str]:
    """Warn when the Markdown below the front matter is not what the planner writes for this plan."""
    rendered = render_markdown(inputs.build(pack)).split("\n")
    want = rendered[rendered.index("---", 1) + 1 :]
    have = lines[close + 1 :]
    if "\n".join(have).rstrip("\n") == "\n".join(want).rstrip("\n"):
        return []
    first = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    line = close + 2 + first
    if "\n".join(want).startswith("\n".join(have)):
        return [
            f"The file is cut short at line {line}, but its front matter is complete, so the whole plan was restored."
        ]
    return [
        f"The text below the front matter differs from what the planner writes for this plan (from line {line}): "
        "it was edited by hand. Only the front matter is read back, so those changes are not in the restored plan."
    ]


def _summary(inputs: PlanInputs, warnings: list[str]) -> str:
    notes = len(inputs.edits.notes)
    parts = [f"thesis {_name(inputs.thesis_id)}"]
    if inputs.question is not None:
        parts.append(
            "question" if inputs.question.question_id is None else f"question {_name(inputs.question.question_id)}"
        )
    if inputs.edits.order:
        parts.append("your paragraph order")
    if inputs.edits.dropped:
        parts.append(f"{len(inputs.edits.dropped)} dropped evidence item{'s' * (len(inputs.edits.dropped) != 1)}")
    if inputs.edits.thesis_text:
        parts.append("your own thesis wording")
    if notes:
        parts.append(f"{notes} note{'s' * (notes != 1)}")
    message = f"Plan restored: {', '.join(parts)}."
    if warnings:
        n = len(warnings)
        message += f" {n} warning{'s' * (n != 1)} below: parts of the file that did not fit were skipped."
    return message


def _name(value: object, noun: str = "id") -> str:
    """A value from the file, quoted only if it is a well-formed id (nothing else is ever echoed).

    ``noun`` names what the value should have been, for the one that is not shown.
    """
    if isinstance(value, str) and len(value) <= 80 and _ID.fullmatch(value):
        return f"'{value}'"
    return f"(not shown: not a well-formed {noun})"


def _names(values: list[Any], noun: str, *, plural: str | None = None) -> str:
    """``claim 'a'`` / ``3 claims ('a', 'b' and 1 other)``: ids quoted, anything else only counted."""
    plural = plural or f"{noun}s"
    shown = []
    for v in values:
        if isinstance(v, str) and len(v) <= 161 and all(_ID.fullmatch(p) and len(p) <= 80 for p in v.split("/", 1)):
            shown.append(f"'{v}'")
    if len(values) == 1:
        return f"the {noun} {shown[0]}" if shown else f"a {noun} that is not well formed"
    listed = shown[:_SHOWN]
    others = len(values) - len(listed)
    if not listed:
        return f"{len(values)} {plural} that are not well formed"
    tail = f" and {others} other{'s' * (others != 1)}" if others else ""
    return f"{len(values)} {plural} ({', '.join(listed)}{tail})"


def _version(value: str) -> str:
    return f"'{value}'" if _VERSION.match(value) else "(not shown)"


def import_to_dict(result: ImportResult, pack: Pack) -> dict[str, Any]:
    """What ``import --format json`` prints: the restored thesis, question, edits and warnings."""
    assert result.plan_inputs is not None
    inputs = result.plan_inputs
    plan = inputs.build(pack)
    edits = inputs.edits
    return {
        "thesis": {"id": plan.thesis.id, "title": plan.thesis.title},
        "question": plan_to_dict(plan)["question"],
        "edits": {
            "order": list(edits.order),
            "dropped": sorted(edits.dropped),
            "notes": dict(edits.notes),
            "thesis_text": edits.thesis_text,
            "length": edits.length,
        },
        "warnings": list(result.warnings),
    }


def run_import(pack: Pack, path: str, fmt: str) -> int:
    """``python -m arguments import FILE``: 0 with the plan, 2 with one message if the file is bad."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_DOCX_BYTES + 1)
    except OSError as error:
        print(f"error: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    result = parse_export(raw, pack)
    if not result.ok or result.plan_inputs is None:
        print(f"error: {result.message}", file=sys.stderr)
        return 2
    if fmt == "json":
        print(json.dumps(import_to_dict(result, pack), ensure_ascii=False, indent=2))
    else:
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        sys.stdout.write(render_markdown(result.plan_inputs.build(pack)))
    return 0


# --- the Word document (.docx): the same state, kept in its custom properties (``arguments.word``) ---


def _parse_docx(data: bytes, pack: Pack) -> ImportResult:
    if len(data) > MAX_DOCX_BYTES:
        raise _Rejected(
            f"The Word file is larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB: it is not a plan from the planner "
            "(its Word document is some 40 kilobytes)."
        )
    try:
        contents = read_docx(data)
    except DocxError as error:
        raise _Rejected(str(error)) from None
    if contents.state is None:
        raise _Rejected(
            "This Word document carries no saved plan: it was not downloaded from the planner, or it was saved "
            "again by a program that drops a document's properties (Google Docs does; Word and LibreOffice keep "
            "them). Load the plan's .md file, or download the plan again."
        )
    front = "\n".join(["---", *state_lines(contents.state), "---", ""])
    return _parse(front, pack, lambda inputs: _docx_body_check(inputs, pack, contents.paragraphs))


def _docx_body_check(inputs: PlanInputs, pack: Pack, have: tuple[str, ...]) -> list[str]:
    """Name the parts of the document changed since it was downloaded (only its saved state is read back)."""
    plan = inputs.build(pack)
    outline = build_outline(plan)
    want = docx_paragraphs(plan, outline)
    if have == want:
        return []
    titles = [part.title for part in outline.parts]
    changed = [
        _part_name(title)
        for title, a, b in zip(titles, _by_part(want, titles), _by_part(have, titles), strict=True)
        if a != b
    ]
    if _by_part(want, titles, preamble=True) != _by_part(have, titles, preamble=True):
        changed.insert(0, "the title")
    where = f" ({', '.join(changed)})" if changed else ""
    return [
        f"The document was changed since it was downloaded{where}. Only the plan saved with it is read back, so "
        "those changes are not in the restored plan: copy them into your notes by hand."
    ]


def _by_part(paragraphs: tuple[str, ...], titles: list[str], *, preamble: bool = False) -> list[tuple[str, ...]]:
    """The paragraphs under each part's heading (found in order; a part whose heading is gone is empty)."""
    starts, at = [], 0
    for title in titles:
        found = next((i for i in range(at, len(paragraphs)) if paragraphs[i] == title), None)
        starts.append(found)
        if found is not None:
            at = found + 1
    first = next((s for s in starts if s is not None), len(paragraphs))
    if preamble:
        return [paragraphs[:first]]
    out = []
    for i, start in enumerate(starts):
        if start is None:
            out.append(("(missing)",))
            continue
        end = next((s for s in starts[i + 1 :] if s is not None), len(paragraphs))
        out.append(paragraphs[start + 1 : end])
    return out


def _part_name(title: str) -> str:
    """``Paragraph 2``, ``Introduction``: a part named by the planner's own heading, never by the file's text."""
    return title.split(":", 1)[0] if title.startswith("Paragraph ") else title
