"""Essay plan → a print layout: one self-contained HTML page that a browser prints cleanly.

It renders the plan's outline (``arguments.outline``) and nothing else, set for paper: A4 or
Letter, compact type, headings kept with what follows them, no part of the screen (buttons,
menus, the thesis chooser) in it. An exam plan prints on two pages, the bibliography and the
checklist in small type at the end. Every character of pack or student text is escaped; the page
has no script, no link and loads nothing, so it opens and prints offline. Print it from the
browser (Ctrl+P or ⌘P), or "Save as PDF" there.
"""

from __future__ import annotations

from html import escape

from arguments.outline import BIBLIOGRAPHY, CHECKLIST, Line, Outline, build_outline
from arguments.plan import EssayPlan

SMALL_PARTS = (BIBLIOGRAPHY, CHECKLIST)
STYLE = """
@page { size: auto; margin: 11mm 12mm; }
html { font-family: "Liberation Serif", "Times New Roman", Times, serif; font-size: 9pt; line-height: 1.2;
       color: #000; background: #fff; }
body { margin: 0; }
h1 { font-size: 12pt; margin: 0 0 1pt; }
h2 { font-size: 10pt; margin: 5pt 0 1pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 3pt; }
ul { margin: 0 0 2pt; padding-left: 1.2em; }
li { margin: 0; }
li > ul { margin-top: 1pt; }
.label { font-weight: bold; }
.meta { font-style: italic; }
blockquote { margin: 2pt 0 4pt 1.2em; padding-left: 6pt; border-left: 2pt solid #666; white-space: pre-wrap; }
section.small { font-size: 7.5pt; line-height: 1.15; }
section.small ul { columns: 2; column-gap: 12pt; }
section.small li { break-inside: avoid; }
@media screen { body { padding: 16px; } }
""".strip()


def _line(line: Line) -> str:
    label = f'<span class="label">{escape(line.label)}:</span>' if line.label else ""
    text = escape(line.text) if line.text else ""
    children = "".join(_line(c) for c in line.children)
    return f"<li>{label}{' ' if label and text else ''}{text}{f'<ul>{children}</ul>' if children else ''}</li>"


def render_html(plan: EssayPlan, outline: Outline | None = None) -> str:
    """The whole plan as one printable HTML page (UTF-8 text)."""
    outline = outline or build_outline(plan)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Nothing may load from anywhere: not a script, a font, an image or a style sheet.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{escape(outline.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(outline.title)}</h1>",
        f'<p class="meta">Schools: {escape(", ".join(s.name for s in plan.schools))} · {escape(plan.length.label)}</p>',
    ]
    for part in outline.parts:
        css = ' class="small"' if part.id in SMALL_PARTS else ""
        out.append(f"<section{css}>")
        out.append(f"<h2>{escape(part.title)}</h2>")
        out.append("<ul>" + "".join(_line(line) for line in part.lines) + "</ul>")
        if part.note:
            out.append(f'<blockquote><span class="label">My notes:</span>\n{escape(part.note)}</blockquote>')
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
