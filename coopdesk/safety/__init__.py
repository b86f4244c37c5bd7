"""Keeping the data safe: opening a file (integrity check, lock, migration) and backups. No Qt."""
