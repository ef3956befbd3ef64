"""Locale and time-zone selection, and the localised formatting filters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_currency, format_date, format_decimal, format_time, get_locale

from ..extensions import babel

LOCALE_PARAM = "lang"
ALIASES = {"en": "en_CA", "fr": "fr_CA"}


def select_locale() -> str:
    locales = current_app.config["OJ_LOCALES"]
    if not has_request_context():  # CLI jobs and emails sent from them
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    wanted = request.args.get(LOCALE_PARAM)
    wanted = ALIASES.get(wanted, wanted)
    if wanted in locales:
        session["locale"] = wanted
        return wanted
    if session.get("locale") in locales:
        return session["locale"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def is_english() -> bool:
    return str(get_locale()).startswith("en")


def money(value: Decimal | int | None) -> str:
    return "" if value is None else format_currency(value, "CAD")


def long_date(value: date | datetime | None) -> str:
    """A date; a UTC datetime shows its Montréal date. « 5 mars 2026 », « 1er juillet 2026 »."""
    if value is None:
        return ""
    text = format_date(value, "long")
    if not is_english() and text.startswith("1 "):
        return "1er" + text[1:]  # French writes the first of the month as an ordinal
    return text


def date_time(value: datetime | None) -> str:
    """A UTC datetime as its local date and time to the minute, e.g. « 5 mars 2026, 22 h 00 »."""
    return "" if value is None else f"{format_date(value, 'long')}, {format_time(value, 'short')}"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters.update(
        money=money, date=long_date, datetime=date_time, number=format_decimal
    )
    app.jinja_env.globals.update(get_locale=get_locale, is_english=is_english)
