"""Renderers of the note document model: plain text, HTML, PDF and DOCX, one rule set for all."""
