"""Text safe for any output format: control characters that XML (DOCX, PDF markup) cannot hold removed."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """The text with invisible control characters dropped (tabs and line breaks kept)."""
    return _CONTROL.sub("", text)
