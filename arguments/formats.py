"""Every file a plan can be saved as, in one table: the CLI's ``plan --format`` and the plan page's
download buttons both use it. Each renders the plan's outline (``arguments.outline``).

The Word and PowerPoint libraries are imported when a file is first made, not when the planner starts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from arguments.export import plan_to_dict, render_markdown
from arguments.plan import EssayPlan


@dataclass(frozen=True)
class Format:
    name: str  # the --format value and the file's extension
    mime: str
    binary: bool  # bytes (written to a file), not text


FORMATS = {
    f.name: f
    for f in (
        Format("md", "text/markdown", False),
        Format("json", "application/json", False),
        Format("html", "text/html", False),
        Format("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
        Format("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
    )
}


def render(plan: EssayPlan, name: str) -> str | bytes:
    """The plan as the format ``name``: text for md, json and html, bytes for docx and pptx."""
    if name == "json":
        return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n"
    if name == "html":
        from arguments.printout import render_html

        return render_html(plan)
    if name == "docx":
        from arguments.word import render_docx

        return render_docx(plan)
    if name == "pptx":
        from arguments.deck import render_pptx

        return render_pptx(plan)
    if name == "md":
        return render_markdown(plan)
    raise ValueError(f"unknown format {name!r}: one of {', '.join(FORMATS)}")
