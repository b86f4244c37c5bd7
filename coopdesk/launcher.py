"""The ``coopdesk`` entry point: the composition root, the one core-side module that may start the UI."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from coopdesk.cli import main as cli_main


def _open_gui(db_target: str | None) -> int:
    from coopdesk.ui.app import run_app

    return run_app(db_target)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_gui=_open_gui)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
