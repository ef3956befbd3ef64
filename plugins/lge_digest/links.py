"""The links of a digest subscription: confirm, manage, unsubscribe (HTTPS and mailto).

Signed the way the employer's links are (`orientheque_jobs.services.links`: itsdangerous with
the app's `SECRET_KEY` and a salt per purpose), with two differences the digest needs:

- **They never expire** (`URLSafeSerializer`, not the timed one): an unsubscribe link in a
  digest read months later must still work (CASL, RFC 8058), and so must its manage link.
- **The payload is the subscription's random `token`**, never its id, so guessing ids gets
  nowhere even with the key, and a link names nobody.

Each purpose has its own salt, so a link is good for one thing only: the unsubscribe URL that
mail providers see in `List-Unsubscribe` cannot open the manage page (which shows the address
and the criteria), and neither can confirm a pending subscription. A forged or altered link
raises `LinkInvalid` (the core's exception): the views answer 404.

Keys can be rotated without breaking old links: Flask's `SECRET_KEY_FALLBACKS`, if set, are
accepted when checking (links are always signed with the current `SECRET_KEY`).
"""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.services.links import LinkInvalid

from .models import DigestSubscription

__all__ = [
    "CONFIRM",
    "MANAGE",
    "UNSUBSCRIBE",
    "LinkInvalid",
    "confirm_url",
    "list_unsubscribe_headers",
    "mailto_unsubscribe",
    "manage_url",
    "sign",
    "subscription_from_mailto_subject",
    "subscription_from_token",
    "unsubscribe_address",
    "unsubscribe_url",
]

CONFIRM = "lge-confirm"
MANAGE = "lge-manage"
UNSUBSCRIBE = "lge-unsubscribe"
PURPOSES = (CONFIRM, MANAGE, UNSUBSCRIBE)
MAILTO_PREFIX = "unsubscribe-"
MAX_TOKEN_LENGTH = 400  # ours are about 90 characters; anything much longer is not ours


def _serializer(purpose: str) -> URLSafeSerializer:
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    config = current_app.config
    # itsdangerous signs with the last key and accepts any of them.
    keys = [*(config.get("SECRET_KEY_FALLBACKS") or ()), config["SECRET_KEY"]]
    return URLSafeSerializer(keys, salt=purpose)


def sign(sub: DigestSubscription, purpose: str) -> str:
    """The signed token of one purpose (CONFIRM, MANAGE or UNSUBSCRIBE) for a subscription."""
    return _serializer(purpose).dumps(sub.token)


def subscription_from_token(token: str, purpose: str) -> DigestSubscription:
    """The subscription a signed token names; `LinkInvalid` if forged, altered or unknown."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkInvalid
    try:
        secret = _serializer(purpose).loads(token)
    except (BadSignature, UnicodeError, ValueError) as exc:
        raise LinkInvalid from exc
    if not isinstance(secret, str) or not secret:
        raise LinkInvalid
    sub = db.session.scalar(select(DigestSubscription).where(DigestSubscription.token == secret))
    if sub is None:
        raise LinkInvalid
    return sub


def confirm_url(sub: DigestSubscription) -> str:
    """The double opt-in link of the confirmation email."""
    return url_for("lge_digest.confirm", token=sign(sub, CONFIRM), _external=True)


def manage_url(sub: DigestSubscription) -> str:
    """The page to change criteria and language, or unsubscribe (no login, never expires)."""
    return url_for("lge_digest.manage", token=sign(sub, MANAGE), _external=True)


def unsubscribe_url(sub: DigestSubscription) -> str:
    """One-click unsubscribe: GET shows a one-button page; POST (RFC 8058 too) unsubscribes.

    It is HTTPS whenever `OJ_BASE_URL` is (as RFC 8058 requires of `List-Unsubscribe-Post`).
    """
    return url_for("lge_digest.unsubscribe", token=sign(sub, UNSUBSCRIBE), _external=True)


def unsubscribe_address() -> str:
    """Where unsubscribe emails go: `OJ_LGE_UNSUBSCRIBE_EMAIL`, else `OJ_ORG_EMAIL`."""
    config = current_app.config
    return config.get("OJ_LGE_UNSUBSCRIBE_EMAIL") or config["OJ_ORG_EMAIL"]


def mailto_unsubscribe(sub: DigestSubscription) -> str:
    """`mailto:<address>?subject=unsubscribe-<signed token>` for `List-Unsubscribe`.

    The mail server hands each email sent there to `flask digest unsubscribe-mail`
    (docs/operations.md), which reads the subject with `subscription_from_mailto_subject`.
    """
    subject = MAILTO_PREFIX + sign(sub, UNSUBSCRIBE)
    return f"mailto:{quote(unsubscribe_address(), safe='@')}?subject={quote(subject, safe='')}"


def subscription_from_mailto_subject(subject: str) -> DigestSubscription:
    """The subscription named by the subject of an unsubscribe email (`LinkInvalid` if none)."""
    text = (subject or "").strip()
    # Mail clients may prefix "Re:" or similar; the token is the last word after our prefix.
    _, found, token = text.rpartition(MAILTO_PREFIX)
    if not found:
        raise LinkInvalid
    return subscription_from_token(token.strip(), UNSUBSCRIBE)


def list_unsubscribe_headers(sub: DigestSubscription, url: str | None = None) -> dict[str, str]:
    """The RFC 2369 / RFC 8058 headers of a digest: HTTPS first, then mailto; one-click POST.

    `url`: the subscription's `unsubscribe_url`, when the caller already has it."""
    return {
        "List-Unsubscribe": f"<{url or unsubscribe_url(sub)}>, <{mailto_unsubscribe(sub)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
