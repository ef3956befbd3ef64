"""Configuration: embedded defaults, overridden by the environment (and by tests)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

ENV_PREFIXES = ("OJ_", "MAIL_", "RATELIMIT_")
ENV_KEYS = ("SECRET_KEY", "DATABASE_URL")


class ConfigError(RuntimeError):
    """The configuration cannot run the app safely."""


def _coerce(value: str):
    lowered = value.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if value.isdigit():
        return int(value)
    return value


def defaults(instance_path: str) -> dict:
    instance = Path(instance_path)
    return {
        "OJ_ENV": "development",
        "SECRET_KEY": None,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'orientheque.db'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "WTF_I18N_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": "fr_CA",
        "BABEL_DEFAULT_TIMEZONE": "America/Montreal",
        # Canadian English formats money as $1,234.50; its messages come from the `en` catalog.
        "OJ_LOCALES": ("fr_CA", "en_CA"),
        # Mail: written as .eml files to the outbox unless MAIL_SERVER is set.
        "MAIL_SERVER": None,
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_DEFAULT_SENDER": "L'Orienthèque <emplois@orientheque.ca>",
        "OJ_OUTBOX_DIR": str(instance / "outbox"),
        "OJ_INDEX_DIR": str(instance / "index"),
        "OJ_TALENTS_REGION_DIR": str(instance / "exports" / "talents_region"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        "OJ_RATELIMIT_OFFER_FORM": "10 per hour",
        "OJ_RATELIMIT_LOGIN": "10 per minute; 50 per hour",
        "OJ_RATELIMIT_LINK_REQUEST": "5 per hour",
        "OJ_BASE_URL": "http://127.0.0.1:5000",
        "OJ_HOME_MRC": "530",
        "OJ_ORG_NAME": "L'Orienthèque",
        "OJ_ORG_ADDRESS": "71, rue de Ramezay, Sorel-Tracy (Québec) J3P 3Z1",
        "OJ_ORG_EMAIL": "emplois@orientheque.ca",
        "OJ_ORG_PHONE": "450 743-2722",
        "OJ_OFFER_DEFAULT_DAYS": 30,
        "OJ_OFFER_MAX_DAYS": 90,
        "OJ_RENEWAL_REMINDER_DAYS": 5,
        "OJ_MAGIC_LINK_MAX_AGE": 30 * 24 * 3600,
        "OJ_BOARD_PAGE_SIZE": 20,
        "OJ_PAGE_CACHE_SIZE": 256,
        # How stale another worker's view of "has an offer changed?" may be, in seconds.
        "OJ_BOARD_STAMP_SECONDS": 1,
        "OJ_SECURE_HEADERS": True,
        # A background thread per process keeps the search indexes current (see search/autosync).
        "OJ_SEARCH_AUTOSYNC": True,
        "OJ_SEARCH_SYNC_SECONDS": 5,
    }


def from_environment(environ: os._Environ | dict) -> dict:
    """Settings read from the environment: OJ_*, MAIL_*, RATELIMIT_*, SECRET_KEY, DATABASE_URL."""
    found = {}
    for key, value in environ.items():
        if key in ENV_KEYS or key.startswith(ENV_PREFIXES):
            found[key] = _coerce(value) if key != "SECRET_KEY" else value
    if "DATABASE_URL" in found:
        found["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(str(found.pop("DATABASE_URL")))
    return found


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given in the common short forms."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check(config: dict) -> None:
    """Fill derived settings and refuse unsafe ones."""
    base = urlsplit(config["OJ_BASE_URL"])
    # Absolute links built outside a request (CLI jobs, emails) use the public base URL.
    if not config.get("SERVER_NAME"):
        config["SERVER_NAME"] = base.netloc
        config["PREFERRED_URL_SCHEME"] = base.scheme or "http"
        config["APPLICATION_ROOT"] = base.path or "/"
    if not config.get("SECRET_KEY"):
        if config["OJ_ENV"] in ("development", "test"):
            config["SECRET_KEY"] = "dev-only-" + config["OJ_ENV"]
        else:
            raise ConfigError("SECRET_KEY must be set in the environment outside development.")
    if config["OJ_ENV"] == "production":
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
