"""``python -m coopdesk``: the same as the ``coopdesk`` command."""

import sys

from coopdesk.launcher import main

sys.exit(main())
