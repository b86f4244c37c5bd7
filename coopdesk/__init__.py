"""coopdesk: the record of each member State's cooperation, and the notes drafted from it."""

__version__ = "0.1.0"
