"""Hostile text for notes, custom text and data-pack fields: every one must stay inert, literal text.

Shared by the engine tests (rendered Markdown, round trips) and the browser tests (typed into the
page, planted in a pack): ``from tests.payloads import PAYLOADS`` (or ``NAMED`` for readable ids).
Each payload has visible text, so it survives the pack loader's whitespace stripping, and each
is short enough (under ``MAX_NOTE_CHARS`` once cleaned) to be a note or a thesis wording.
Payloads that would run mark themselves with ``xss-<n>`` so a test can look for the marker.
"""

from __future__ import annotations

NAMED: dict[str, str] = {
    "script-tag": "<script>alert('xss-1')</script>",
    "img-onerror": "<img src=x onerror=\"alert('xss-2')\">",
    "svg-onload": "<svg onload=alert('xss-3')><circle r=1 /></svg>",
    "iframe-javascript": "<iframe src=\"javascript:alert('xss-4')\"></iframe>",
    "style-tag": "<style>body{display:none} *{background:url(//evil.example/track.png)}</style>",
    "md-link-javascript": "[click me](javascript:alert('xss-6'))",
    "md-image-tracker": "![pixel](https://evil.example/pixel.png?who=student)",
    "md-link-data-uri": "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTgnKTwvc2NyaXB0Pg==)",
    "autolinks": "<javascript:alert('xss-9')> and <https://evil.example/a> and <student@evil.example>",
    "reference-link": "[x]\n\n[x]: javascript:alert('xss-10')\n![y][x]",
    "event-handler-attribute": '<a href="#" onmouseover="alert(\'xss-11\')">hover me</a>',
    "html-comment-front-matter": "<!-- hide\n---\nthesis: hijacked\n--> after the comment",
    "front-matter-delimiters": '---\nessay-plan: 2\nthesis: "other-thesis"\n---\nbody',
    "yaml-document-end": "...\n---\n...\n--- !!python/object/apply:os.system ['echo xss-14']",
    "yaml-quote-breakers": '" : # \' \\" \\u003C key: value\n- list item\n  nested: [a, {b: c}]',
    "very-long-line": "lorem ipsum " * 120 + "<b>bold?</b>" + "*" * 200 + "[" * 150 + "](javascript:alert(16))",
    "nul-and-controls": "nul\x00byte\x01\x07bell \x1b[31mred\x1b[0m del\x7f csi\x9b end",
    "unicode-line-separators": "line\u2028separator\u2029paragraph\x85next-line\x0cform-feed\x0bvtab\r\ncrlf\rcr",
    "entity-tricks": (
        "&lt;script&gt;alert('xss-19')&lt;/script&gt; &#60;img src=x onerror=alert(19)&#62; &#x6A;avascript: &amp;"
    ),
    "nested-backticks": (
        "``` `<script>x</script>` ``<b>`` ```\n```html\n<script>alert('xss-20')</script>\n```\n~~~\ncode\n~~~"
    ),
    "setext-underline": "Heading injection\n===\nSecond heading\n---\nthird\n***",
    "table-pipes": "| a | b |\n| --- | --- |\n| <script>x</script> | [y](javascript:alert(22)) |",
    "html-block-div": "<div onclick=\"alert('xss-23')\">\n\n*click*\n\n</div>",
    "bidi-rtl": "\u202etxt.exe\u202c שלום עולם <b>مرحبا بالعالم</b> \u2067isolate\u2069",
    "combining-emoji-zero-width": "z\u0335\u0336a\u0301l\u0308g\u0489o\u200b\u200d 👩\u200d👩\u200d👧 🇺🇦 e\u0301\ufeff",
    "block-starters": "# h1\n> quote\n- item\n1. one\n2) two\n+ plus\n    indented code\n\tTabbed",
    "hard-breaks-backslashes": "trailing backslash \\\nand two spaces  \nend \\\\ \\",
    "link-obfuscation": '[a](<javascript:alert(28)> "t") [b]( jav&#x09;ascript:alert(28) ) [c](JaVaScRiPt:alert(28))',
    "mixed-case-html": "<ScRiPt>alert('xss-29')</sCrIpT><IMG SRC=JaVaScRiPt:alert('xss-29')>",
    "template-and-math": "{{7*7}} ${alert(30)} {% raw %} $\\href{javascript:alert(30)}{x}$ $$x$$ :red[alarm]",
    "emphasis-and-strike": "**bold** __bold__ *em* _em_ ~~strike~~ ~sub~ ==mark== ^sup^",
    "image-in-link": "[![a](https://evil.example/i.png)](https://evil.example/)",
    "object-embed-form": (
        '<object data="data:text/html,xss-33"></object><embed src=x><form action=x><input autofocus onfocus=alert(33)>'
    ),
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(34)"><base href="//evil.example/">',
    "escaped-unicode-lookalike": "\\u003Cscript\\u003Ealert(35)\\u003C/script\\u003E \\x3cb\\x3e %3Cscript%3E",
    # Streamlit's own Markdown additions: icons, its logo, emoji, coloured text, badges, small text.
    "streamlit-shortcodes": (
        "Remember :material/warning: and :streamlit: :smile: :red[red] :blue-badge[badge] :small[small] "
        ":rainbow[rainbow] :color[c]{foreground=red} x:material/home:y"
    ),
    "fullwidth-lookalikes": "＜script＞alert(36)＜/script＞ ［link］（javascript:alert(36)）",
}

PAYLOADS: list[str] = list(NAMED.values())
PAYLOAD_IDS: list[str] = list(NAMED)
