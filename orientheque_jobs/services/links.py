"""Signed, expiring links that let an employer manage an offer without an account."""

from __future__ import annotations

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..models import Offer

SALT = "offer-manage"


class LinkExpired(Exception):
    """The link was genuine but is too old."""


class LinkInvalid(Exception):
    """The link was forged, altered, or revoked."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def manage_token(offer: Offer) -> str:
    return _serializer().dumps({"o": offer.id, "v": offer.link_version})


def manage_url(offer: Offer) -> str:
    return url_for("public.manage", token=manage_token(offer), _external=True)


def offer_from_token(token: str) -> Offer:
    serializer = _serializer()
    try:
        payload = serializer.loads(token, max_age=current_app.config["OJ_MAGIC_LINK_MAX_AGE"])
    except SignatureExpired as exc:
        raise LinkExpired from exc
    except BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(payload, dict):
        raise LinkInvalid
    offer = db.session.get(Offer, payload.get("o")) if isinstance(payload.get("o"), int) else None
    if offer is None or payload.get("v") != offer.link_version:
        raise LinkInvalid
    return offer
