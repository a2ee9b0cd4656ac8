"""Independent readers the tests check the planner's files with: pandoc (Debian) for Word documents."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

PANDOC = shutil.which("pandoc")


def need_pandoc() -> str:
    """pandoc's path; without it the test skips, except in CI (CI=true), where it fails."""
    if PANDOC:
        return PANDOC
    reason = "pandoc not found: install Debian's pandoc (apt-get install pandoc)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI installs it")
    pytest.skip(reason)


def pandoc_text(data: bytes, source: str) -> str:
    """The document as plain text, one paragraph per line, as pandoc reads it."""
    result = subprocess.run(
        [need_pandoc(), "--from", source, "--to", "plain", "--wrap=none"],
        input=data,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")
