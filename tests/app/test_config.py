"""The theme the pages rely on (privacy settings: tests/test_streamlit_config.py)."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_theme_text_contrast_meets_wcag():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert contrast(theme["textColor"], theme["backgroundColor"]) >= 7  # AAA, so projection passes too
    assert contrast(theme["textColor"], theme["secondaryBackgroundColor"]) >= 7
    assert contrast("#ffffff", theme["primaryColor"]) >= 4.5  # text on primary buttons
    assert contrast(theme["primaryColor"], theme["backgroundColor"]) >= 4.5  # links
