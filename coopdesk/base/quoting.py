"""Quoting what someone typed in a message: cut short when long, so a 5,000-digit number reads as its start."""

from __future__ import annotations


def shown(text: object, limit: int = 40) -> str:
    """``text`` as a message quotes it: whole when short, else its first characters and an ellipsis."""
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"
