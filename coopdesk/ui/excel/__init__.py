"""Excel export and import in the window."""
