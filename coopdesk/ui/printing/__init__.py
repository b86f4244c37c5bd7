"""Printing: the PDF renderer's pages drawn onto the printer, the print preview, the print command."""
