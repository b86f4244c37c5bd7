"""The Qt user interface. Reaches data only through the core's services."""
