"""Essay plan → Word (.docx), and the plan's saved state read back from one.

The document renders the plan's outline (``arguments.outline``) and nothing else, in Word's own
styles: the title in "Title", each part in "Heading 1" (so the navigation pane and a table of
contents work), its lines as "List Bullet" lists nested up to three deep with the label in bold,
the bibliography as hanging-indent entries, and the student's notes as "Quote" paragraphs.

The plan's state (the same front matter the Markdown export opens with: thesis, question, length,
order, dropped items, the student's thesis wording and notes) is stored in the document's custom
properties (``docProps/custom.xml``, "File → Properties → Custom" in Word), cut into text
properties of at most 255 characters, the longest Word's own dialog keeps. Word, LibreOffice and
Pages keep custom properties when a document is edited and saved; Google Docs drops them.

Reading a file back never trusts it: only two members of the zip are read, each with a size limit,
and the XML is parsed without entities or network access.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from arguments.export import front_matter
from arguments.outline import BIBLIOGRAPHY, Line, Outline, build_outline
from arguments.plan import EssayPlan

STATE_PROPERTY = "essay-plan-state"  # followed by " 1", " 2"…: the front matter in pieces
COUNT_PROPERTY = "essay-plan-state-parts"
CHUNK = 255
LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
NOTE_LABEL = "My notes:"
# Limits for reading a file back: a plan's document.xml is some 100 KB, its custom.xml a few KB.
MAX_MEMBER_BYTES = 8 * 1024 * 1024
MAX_MEMBERS = 2000

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one property set custom properties use
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE_DOCUMENT = _RELATIONSHIPS + "officeDocument"
_CUSTOM = _RELATIONSHIPS + "custom-properties"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_PIECE = re.compile(rf"^{re.escape(STATE_PROPERTY)} (\d{{1,3}})$")
# XML 1.0 forbids these characters; a student's note may hold one (the front matter escapes them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


# The state's lines are joined with "|", which the front matter never holds as such (its strings escape
# it), so no program that rewrites line ends inside a property can change the state.
LINE_BREAK = "|"


def state_text(plan: EssayPlan) -> str:
    """The plan's state: the lines between the Markdown export's two ``---`` lines, joined by ``|``."""
    return LINE_BREAK.join(front_matter(plan)[1:-1])


def state_lines(state: str) -> list[str]:
    return state.split(LINE_BREAK)


def _custom_properties(state: str) -> bytes:
    pieces = [state[i : i + CHUNK] for i in range(0, len(state), CHUNK)] or [""]
    props = [(COUNT_PROPERTY, "i4", str(len(pieces)))]
    props += [(f"{STATE_PROPERTY} {n}", "lpwstr", piece) for n, piece in enumerate(pieces, 1)]
    body = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:{kind}>{escape(value)}</vt:{kind}></property>"
        for pid, (name, kind, value) in enumerate(props, 2)  # pids start at 2
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{body}</Properties>'
    ).encode()


def _add_line(document, line: Line, depth: int) -> None:
    paragraph = document.add_paragraph(style=LIST_STYLES[min(depth, len(LIST_STYLES) - 1)])
    if line.label:
        paragraph.add_run(_xml_text(line.label + ":")).bold = True
        if line.text:
            paragraph.add_run(" ")
    if line.text:
        paragraph.add_run(_xml_text(line.text))
    for child in line.children:
        _add_line(document, child, depth + 1)


def _add_entry(document, line: Line) -> None:
    """A bibliography entry: a hanging indent, as a reference list is set."""
    from docx.shared import Pt

    paragraph = document.add_paragraph(_xml_text(line.text))
    paragraph.paragraph_format.left_indent = Pt(24)
    paragraph.paragraph_format.first_line_indent = Pt(-24)


def _add_note(document, note: str) -> None:
    document.add_paragraph(style="Quote").add_run(NOTE_LABEL).bold = True
    for text in note.split("\n"):
        document.add_paragraph(_xml_text(text.strip()), style="Quote")


def render_docx(plan: EssayPlan, outline: Outline | None = None) -> bytes:
    """The whole plan as a Word document, its state in the custom properties."""
    # python-docx is imported here, when a document is first made (reading one back needs only lxml).
    from docx import Document
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    outline = outline or build_outline(plan)
    document = Document()
    core = document.core_properties
    core.title = _xml_text(outline.title)
    core.subject = _xml_text(plan.question.text if plan.question is not None else plan.thesis.title)
    core.author = core.last_modified_by = ""
    core.comments = "Made with the essay planner. Load it back with “Load a plan you downloaded”."
    document.add_heading(_xml_text(outline.title), level=0)
    document.add_paragraph(_xml_text(f"Schools: {', '.join(s.name for s in plan.schools)} · {plan.length.label}"))
    for part in outline.parts:
        document.add_heading(_xml_text(part.title), level=1)
        for line in part.lines:
            if part.id == BIBLIOGRAPHY and not line.label and not line.children:
                _add_entry(document, line)
            else:
                _add_line(document, line, 0)
        if part.note:
            _add_note(document, part.note)
    package = document.part.package
    for rid, rel in list(package.rels.items()):  # the template's thumbnail shows another document
        if rel.reltype == _THUMBNAIL:
            del package.rels[rid]
    state = _custom_properties(state_text(plan))
    custom = OpcPart(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, state, package)
    package.relate_to(custom, _CUSTOM)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- reading a .docx back -----------------------------------------------------------------------------


class DocxError(Exception):
    """The file cannot be read as the planner's Word document; the message says why (nothing from the file)."""


@dataclass(frozen=True)
class DocxContents:
    state: str | None  # the front matter lines, or None when the document carries none
    paragraphs: tuple[str, ...]  # the text of every paragraph of the body, in order


def is_docx(data: bytes) -> bool:
    """A zip file (as every .docx is): the reader decides whether it is a plan."""
    return data[:4] == b"PK\x03\x04"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _read_xml(archive: zipfile.ZipFile, name: str):
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MEMBER_BYTES:
        raise DocxError("The Word file holds a part far larger than a plan's: it is not a plan from the planner.")
    with archive.open(info) as member:
        data = member.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise DocxError("The Word file holds a part far larger than a plan's: it is not a plan from the planner.")
    try:
        return etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        raise DocxError("The Word file is damaged (one of its parts is not well-formed XML).") from None


def _target(archive: zipfile.ZipFile, reltype: str, default: str) -> str:
    rels = _read_xml(archive, "_rels/.rels")
    if rels is None:
        return default
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") == reltype and rel.get("TargetMode") != "External":
            return (rel.get("Target") or default).lstrip("/")
    return default


def read_docx(data: bytes) -> DocxContents:
    """The saved state and the body's paragraphs of a .docx (raises ``DocxError`` with the reason)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DocxError("The file looks like a Word document but is damaged (it is not a complete zip file).") from None
    with archive:
        if len(archive.infolist()) > MAX_MEMBERS:
            raise DocxError("The file holds far more parts than a Word document: it is not a plan from the planner.")
        try:
            body = _read_xml(archive, _target(archive, _OFFICE_DOCUMENT, "word/document.xml"))
            custom = _read_xml(archive, _target(archive, _CUSTOM, "docProps/custom.xml"))
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError):
            raise DocxError("The file looks like a Word document but is damaged (a part cannot be read).") from None
    if body is None:
        raise DocxError("This zip file is not a Word document (it has no document text).")
    paragraphs = tuple(
        "".join(t.text or "" for t in p.iter(f"{{{_W_NS}}}t", f"{{{_W_NS}}}tab")) for p in body.iter(f"{{{_W_NS}}}p")
    )
    return DocxContents(_state(custom), paragraphs)


def _state(custom) -> str | None:
    if custom is None:
        return None
    pieces: dict[int, str] = {}
    count = None
    for prop in custom.iter(f"{{{_CUSTOM_NS}}}property"):
        name = prop.get("name") or ""
        value = "".join(prop.itertext())
        if name == COUNT_PROPERTY:
            digits = value.strip()
            count = int(digits) if digits.isascii() and digits.isdigit() else -1
        elif (match := _PIECE.match(name)) is not None:
            pieces[int(match.group(1))] = value
    if count is None and not pieces:
        return None
    if count is None or count < 1 or sorted(pieces) != list(range(1, count + 1)):
        raise DocxError(
            "The plan saved in this Word file is incomplete (some of its document properties were removed), "
            "so it cannot be restored. Download the plan again, or load its .md file."
        )
    return "".join(pieces[n] for n in range(1, count + 1))


def docx_paragraphs(plan: EssayPlan, outline: Outline | None = None) -> tuple[str, ...]:
    """What ``read_docx`` finds in the body of the planner's own document for this plan."""
    return read_docx(render_docx(plan, outline)).paragraphs
