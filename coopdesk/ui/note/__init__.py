"""The country note: the draft view, batches of notes and the register of issued letters."""
