"""Tools > Treaty status table: a depositary's table of participants, its differences with the records, applied in one step."""
