"""The main window, its frame and the application object."""
