"""Editing records: the record pages, forms, field editors, table models, undo, the Overview and the matrix."""
