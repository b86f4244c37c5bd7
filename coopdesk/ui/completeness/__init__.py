"""Marking records complete: the completeness editor, for many States and areas at once."""
