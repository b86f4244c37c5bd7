"""Find the data files shipped in ``resources/`` (catalogue, demo data, templates, icons).

A wheel carries them inside the package as ``coopdesk/resources``. An editable (development) install
leaves them at the project's top level; PEP 610's ``direct_url.json`` says where that is, so the lookup
goes through the installed distribution's metadata rather than a guess about the source tree.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path
from urllib.parse import unquote, urlparse


class ShippedFilesMissing(RuntimeError):
    """The installation is incomplete: the shipped data files cannot be found."""


@cache
def _root() -> Traversable:
    packaged = resources.files("coopdesk") / "resources"
    if packaged.is_dir() and (packaged / "catalogue").is_dir():
        return packaged
    try:
        direct_url = metadata.distribution("coopdesk").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct_url = None
    if direct_url:
        info = json.loads(direct_url)
        if info.get("dir_info", {}).get("editable"):
            project = Path(unquote(urlparse(info["url"]).path))
            candidate = project / "resources"
            if candidate.is_dir():
                return candidate
    raise ShippedFilesMissing(
        "coopdesk's data files (resources/) are missing from this installation; reinstall coopdesk."
    )


def shipped_file(*parts: str) -> Traversable:
    """The shipped file at ``resources/<parts...>``."""
    node = _root()
    for part in parts:
        node = node / part
    return node
