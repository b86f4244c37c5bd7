"""The records layer: record types, fields, vocabularies, dates, money, the service that reads and writes
records (one write path), history, search and the facts derived from records. No Qt."""
