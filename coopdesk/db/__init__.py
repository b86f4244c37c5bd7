"""The database layer: models, engine set-up, migrations and catalogue loading. Never imports Qt."""
