"""The catalogue window."""
