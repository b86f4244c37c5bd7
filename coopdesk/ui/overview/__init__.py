"""The Overview page and the treaty matrix: a State's cooperation at a glance, and every State against a set."""
