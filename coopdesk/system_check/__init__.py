"""Checks of the machine coopdesk runs on, made before something there fails in a way a user cannot read
(see ``display``: can the window open?)."""
