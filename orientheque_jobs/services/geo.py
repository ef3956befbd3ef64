"""Approximate distances between Québec municipalities (FSA-centroid coordinates, DESIGN §8)."""

from __future__ import annotations

import math
from functools import lru_cache

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Municipality

EARTH_RADIUS_KM = 6371.0


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class Geo:
    """Municipality positions, loaded once; distances in km, rounded to one decimal."""

    def __init__(self, positions: dict[str, tuple[float, float]]):
        self.positions = positions
        self.within = lru_cache(maxsize=1024)(self._within)

    def distance_km(self, a: str | None, b: str | None) -> float | None:
        """None when either place is unknown or has no position."""
        if a is None or b is None:
            return None
        if a == b:
            return 0.0
        pa, pb = self.positions.get(a), self.positions.get(b)
        if pa is None or pb is None:
            return None
        return round(haversine_km(pa, pb), 1)

    def _within(self, code: str, km: float) -> frozenset[str]:
        """Codes of the municipalities at most `km` from `code` (itself included)."""
        origin = self.positions.get(code)
        if origin is None:
            return frozenset({code})
        return frozenset(
            other
            for other, position in self.positions.items()
            if round(haversine_km(origin, position), 1) <= km
        ) | {code}


def geo() -> Geo:
    """The app's positions (a reference table, read once per process)."""
    cached = current_app.extensions.get("oj_geo")
    if cached is None:
        rows = db.session.execute(
            select(Municipality.code, Municipality.latitude, Municipality.longitude).where(
                Municipality.latitude.is_not(None), Municipality.longitude.is_not(None)
            )
        ).all()
        cached = current_app.extensions["oj_geo"] = Geo({c: (lat, lon) for c, lat, lon in rows})
    return cached
