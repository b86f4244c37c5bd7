"""History: one record's changes and the change log."""
