"""Web layer: thin views and forms; the logic lives in services."""
