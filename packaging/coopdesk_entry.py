"""The bundle's executable: the same entry point as the installed ``coopdesk`` command."""

import sys

from coopdesk.launcher import main

if __name__ == "__main__":
    sys.exit(main())
