"""The country note and its cover letter."""
