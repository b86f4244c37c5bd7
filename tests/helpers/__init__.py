"""What several tests share: the GUI test helpers, a throw-away PostgreSQL server, old schemas, child writers.

Imported by the tests that use them; ``conftest.py`` holds only fixtures.
"""
