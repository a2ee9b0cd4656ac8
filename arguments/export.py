"""Essay plan → Markdown: a clean CommonMark document whose data and student text are inert.

Every piece of text from the data pack or the student is escaped, so nothing in it can become
HTML, a link, an image or formatting. The document opens with YAML front matter that records
what is needed to restore the plan (see ``arguments.imports``); its strings are escaped too, so
even a viewer that shows front matter as text renders nothing active.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arguments.model import Work
from arguments.outline import build_outline, part_markdown
from arguments.plan import EssayPlan, EvidenceUse

FORMAT_NAME = "essay-plan"
FORMAT_VERSION = 1

# Characters CommonMark (and common extensions) give meaning to anywhere in a line.
# Also $ (maths in Streamlit) and @ (e-mail autolinks in GitHub-flavoured Markdown).
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>!&|~#{}$@]")
_STREAMLIT_SPECIAL = re.compile(r"[\\`*_\[\]<>!&|~#{}$@:]")
# Bare web and e-mail addresses, which GitHub-flavoured renderers (Streamlit's among them) turn into
# links even when escaped. An invisible word joiner after the scheme's colon, after "www" and after
# "@" keeps them plain text; readers see the same characters.
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|javascript|vbscript|data|file):|\bwww(?=\.)|@")
WORD_JOINER = "\u2060"
# A colon a word follows (":material/…:", ":streamlit:", ":red[…]"); one before a space starts nothing.
_COLON = re.compile(r":(?=[^\s\u2060])")
# Things that only mean something at the start of a line: lists, headings, quotes, breaks, fences.
_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")
_LINE_START_CHARS = frozenset("-+=>0123456789")
_FRONT_MATTER_SPECIAL = set('\\"<>&[]()*_`!~|#{}')


@lru_cache(maxsize=16384)
def md(text: str, *, streamlit: bool = False) -> str:
    """One line of inert Markdown: whitespace folded, every active character escaped.

    ``streamlit=True`` also escapes every colon and puts an invisible word joiner after one a word
    follows, for
    Streamlit's own additions to Markdown (``:material/icons:``, ``:streamlit:``, ``:emoji:``,
    ``:color[directives]``). Pure, so cached: the pack's
    sentences are escaped once per process, not once per render.
    """
    escaped = _escape_inline(" ".join(text.split()), streamlit)
    if escaped[:1] in _LINE_START_CHARS:
        return _LINE_START.sub(_escape_line_start, escaped)
    return escaped


def _escape_inline(text: str, streamlit: bool = False) -> str:
    if ":" in text or "@" in text or "www" in text.casefold():
        text = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, text)
    special = _STREAMLIT_SPECIAL if streamlit else _INLINE_SPECIAL
    if special.search(text):
        text = special.sub(r"\\\g<0>", text)
    if streamlit and ":" in text:
        # Streamlit finds :material/icons: and :streamlit: in the text after Markdown has resolved
        # its escapes, so "\:" alone does not stop them: a word joiner after the colon does.
        text = _COLON.sub(":" + WORD_JOINER, text)
    return text


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(2):
        return match.group(1) + "\\" + match.group(2)
    return match.group(1) + match.group(3) + "\\" + match.group(4)


def md_block(text: str, *, streamlit: bool = False) -> list[str]:
    """Multi-line student text as inert Markdown lines (each escaped, blank lines kept).

    ``streamlit=True`` also escapes Streamlit's additions, as in ``md``.
    """
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        lines.append(_LINE_START.sub(_escape_line_start, _escape_inline(stripped, streamlit)))
    return lines


def yaml_string(text: str) -> str:
    """A double-quoted YAML (and JSON) string that carries no Markdown or HTML character as such."""
    out = []
    for char in text:
        code = ord(char)
        if (
            char in _FRONT_MATTER_SPECIAL
            or code < 0x20
            or 0x7F <= code <= 0xA0
            or code in (0x2028, 0x2029)
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
        ):
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _yaml_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(yaml_string(i) for i in items) + "]"


def front_matter(plan: EssayPlan) -> list[str]:
    edits = plan.edits
    lines = [
        "---",
        f"{FORMAT_NAME}: {FORMAT_VERSION}",
        f"pack: {yaml_string(plan.pack_id)}",
        f"pack-version: {yaml_string(plan.pack_version)}",
        f"thesis: {yaml_string(plan.thesis.id)}",
    ]
    if plan.question is not None:
        if plan.question.question_id:
            lines.append(f"question: {yaml_string(plan.question.question_id)}")
        else:
            lines.append(f"question-text: {yaml_string(plan.question.text)}")
    # The student's own order (empty = the thesis's order), so an import restores the edits exactly.
    lines.append(f"length: {yaml_string(edits.length)}")
    lines.append(f"order: {_yaml_list(edits.order)}")
    lines.append(f"dropped: {_yaml_list(sorted(edits.dropped))}")
    if edits.thesis_text:
        lines.append(f"thesis-text: {yaml_string(edits.thesis_text)}")
    if edits.notes:
        lines.append("notes:")
        lines.extend(f"  {yaml_string(key)}: {yaml_string(text)}" for key, text in edits.notes)
    lines.append("---")
    return lines


def note_lines(text: str, *, streamlit: bool = False) -> list[str]:
    """The student's note as an inert Markdown quote, line by line (none when there is no note)."""
    if not text:
        return []
    body = md_block(text, streamlit=streamlit)
    return ["> **My notes:**", ">"] + [f"> {line}" if line else ">" for line in body]


def _note(text: str) -> list[str]:
    return [""] + note_lines(text) if text else []


def render_markdown(plan: EssayPlan) -> str:
    """The whole plan as one Markdown document: front matter, then every part of its outline."""
    outline = build_outline(plan)
    out = front_matter(plan)
    out += ["", f"# {md(outline.title)}", ""]
    out += [f"*Schools:* {md(', '.join(s.name for s in plan.schools))} · *{md(plan.length.label)}*", ""]
    for part in outline.parts:
        out += [f"## {md(part.title)}", "", part_markdown(part, md)]
        out += _note(part.note)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _work_dict(work: Work) -> dict[str, object]:
    return {
        "id": work.id,
        "author": work.author,
        "title": work.title,
        "year": work.year,
        "publisher": work.publisher,
        "published_in": work.published_in,
        "kind": work.kind,
    }


def _use_dict(use: EvidenceUse, *, counter: bool) -> dict[str, object]:
    item = use.evidence
    data: dict[str, object] = {
        "id": item.id,
        "date": item.date.text,
        "date_label": item.date.label,
        "title": item.title,
        "kind": item.kind,
        "summary": item.summary,
        "how": use.how,
        "sources": list(item.sources),
        "outside_range": use.outside_range,
    }
    if counter:
        data["rebuttal"] = use.rebuttal
        data["rival_schools"] = [s.id for s in use.schools]
    if item.correction:
        data["correction"] = item.correction
    return data


def plan_to_dict(plan: EssayPlan) -> dict[str, object]:
    """The plan as plain data (for ``--format json``): raw text, nothing escaped."""
    q = plan.question
    intro, hist, conc = plan.introduction, plan.historiography, plan.conclusion
    outline = build_outline(plan)
    return {
        "format": f"{FORMAT_NAME}/{FORMAT_VERSION}",
        "pack": {"id": plan.pack_id, "version": plan.pack_version},
        "thesis": {"id": plan.thesis.id, "title": plan.thesis.title, "text": plan.thesis.text},
        "schools": [s.id for s in plan.schools],
        "question": None
        if q is None
        else {
            "id": q.question_id,
            "text": q.text,
            "command": q.command,
            "concept": q.concept,
            "years": list(q.years) if q.years else None,
            "loaded_words": list(q.loaded_words),
            "shape": q.shape,
        },
        "length": plan.edits.length,
        "framed_by": plan.framed_by or None,
        "introduction": {
            "context": intro.context,
            "question_focus": intro.question_focus,
            "thesis": intro.thesis_statement,
            "verdict": intro.verdict,
            "criteria": intro.criteria,
            "roadmap": list(intro.roadmap),
            "errors": list(intro.errors),
            "fit_warning": intro.fit_warning,
            "dates_warning": intro.dates_warning,
            "note": intro.note,
        },
        "paragraphs": [
            {
                "number": p.number,
                "role": p.role,
                "heading": p.heading,
                "topic_sentence": p.topic_sentence,
                "rank": p.rank,
                "weighing": p.weighing,
                "claim": {"id": p.claim.id, "text": p.claim.text},
                "schools": [s.id for s in p.schools],
                "support": [_use_dict(u, counter=False) for u in p.support],
                "counter": [_use_dict(u, counter=True) for u in p.counter],
                "dropped": [u.evidence.id for u in p.dropped],
                "historians": [w.id for w in p.historians],
                "link": p.link,
                "note": p.note,
            }
            for p in plan.body
        ],
        "historiography": {
            "placement": hist.placement,
            "historians": [
                {
                    "work": e.work.id,
                    "school": e.school,
                    "claim": e.claim,
                    "basis": e.basis,
                    "evaluation": e.evaluation,
                    "relevance": e.relevance,
                }
                for e in hist.entries
            ],
            "views": [
                {
                    "school": v.school.id,
                    "name": v.school.name,
                    "in_thesis": v.in_thesis,
                    "works": [w.id for w in v.works],
                }
                for v in hist.views
            ],
            "why_differ": hist.why_differ,
            "evaluation": hist.evaluation,
            "note": hist.note,
        },
        "conclusion": {
            "judgement": conc.judgement,
            "extent": conc.extent,
            "decisive": conc.decisive,
            "concessions": list(conc.concessions),
            "frame": conc.judgement_frame,
            "weighing": conc.weighing,
            "factors": list(conc.factors),
            "note": conc.note,
        },
        "bibliography": [_work_dict(w) for w in plan.bibliography],
        "edits": {
            "order": list(plan.order),
            "dropped": sorted(plan.edits.dropped),
            "notes": dict(plan.edits.notes),
            "thesis_text": plan.edits.thesis_text,
            "length": plan.edits.length,
        },
        "words": outline.words,
        "checklist": [
            {"number": c.number, "point": c.point, "status": c.status, "reason": c.reason} for c in outline.checklist
        ],
    }
