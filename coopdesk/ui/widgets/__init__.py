"""Widgets and services shared by every part of the window: dialogs, background tasks, icons, colours."""
