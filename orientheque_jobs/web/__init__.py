"""Web layer: thin views and forms; the logic lives in services."""

from flask import Flask
from werkzeug.routing import IntegerConverter


class IdConverter(IntegerConverter):
    """A database id: a positive 32-bit integer, so absurd numbers are a 404, not a DB error."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**31 - 1)


def register_converters(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
