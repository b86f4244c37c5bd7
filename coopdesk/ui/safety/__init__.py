"""Backups, restore and the single-writer lock, as the window shows them."""
