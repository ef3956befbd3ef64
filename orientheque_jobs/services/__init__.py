"""Business logic: views and CLI commands call these; they use the models."""
