"""RSS 2.0 and Atom feeds of the visible offers, filtered like the board.

The offers come from `services.board.filtered` (the one visibility rule, newest first); the
criteria from `BoardCriteria.from_args` (garbage dropped). Every date written is one of the
data's, never "now", so a feed that did not change is byte for byte the same.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import current_app, url_for
from flask_babel import force_locale, format_currency
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from orientheque_jobs.extensions import db
from orientheque_jobs.labels import EMPLOYMENT_TYPE_LABELS, SALARY_UNIT_LABELS
from orientheque_jobs.models import EmploymentType, Municipality, Offer
from orientheque_jobs.services.board import BoardCriteria, change_stamp, filtered
from orientheque_jobs.services.clock import local_today
from orientheque_jobs.services.reference import BROAD_CATEGORIES, mrc_choices

FORMATS = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
LANGUAGE = "fr-CA"
DEFAULT_MAX_ITEMS = 50
SUMMARY_CHARS = 300
# An empty feed still needs an `updated` date: a fixed one, so that it never changes by itself.
EMPTY_FEED_UPDATED = datetime(2026, 1, 1, tzinfo=UTC)
# Bumped whenever the feed's layout changes, so that the ETags of the old layout stop matching.
LAYOUT_VERSION = "1"
# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str | None) -> str:
    """Text without the characters an XML document cannot contain (lxml refuses them)."""
    return _NOT_XML.sub("", text or "")


def feed_args(criteria: BoardCriteria) -> dict:
    """The query-string arguments of a feed: the board's criteria without the page."""
    return criteria.args(page=None)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def changed_at(offer: Offer) -> datetime:
    """When an item last changed: the offer's last update or its publication, the later."""
    moments = [m for m in (offer.updated_at, offer.published_at) if m is not None]
    return _utc(max(moments))


def feed_updated(offers: list[Offer]) -> datetime:
    """The feed's `updated` / lastBuildDate: the latest change of the items it shows."""
    return max((changed_at(o) for o in offers), default=EMPTY_FEED_UPDATED)


def offers_for(criteria: BoardCriteria, limit: int | None = None) -> list[Offer]:
    """The visible offers matching `criteria`, newest first, at most `limit`."""
    limit = limit or current_app.config.get("OJ_RSS_MAX_ITEMS", DEFAULT_MAX_ITEMS)
    query = (
        filtered(criteria, local_today())
        .options(joinedload(Offer.employer), joinedload(Offer.municipality))
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


def _excerpt(text: str, size: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    return text[:size].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _salary(offer: Offer) -> str | None:
    if not offer.salary_unit or (offer.salary_min is None and offer.salary_max is None):
        return None
    low, high = offer.salary_min, offer.salary_max
    if low is not None and high is not None and low != high:
        amount = _(
            "%(low)s à %(high)s",
            low=format_currency(low, "CAD"),
            high=format_currency(high, "CAD"),
        )
    else:
        amount = format_currency(low if low is not None else high, "CAD")
    return f"{amount} {SALARY_UNIT_LABELS[offer.salary_unit]}"


def _place(offer: Offer) -> str:
    parts = []
    if offer.remote:
        parts.append(_("Télétravail"))
    if offer.municipality is not None:
        parts.append(offer.municipality.name)
    return " · ".join(parts)


def item_summary(offer: Offer) -> str:
    """A short HTML summary: employer, place, employment types, salary, then the description."""
    facts = [offer.employer.name, _place(offer)]
    facts.append(", ".join(str(EMPLOYMENT_TYPE_LABELS[f]) for f in offer.employment_type_flags))
    facts.append(_salary(offer))
    line = " · ".join(str(escape(xml_safe(f))) for f in facts if f)
    return f"<p>{line}</p><p>{escape(xml_safe(_excerpt(offer.description)))}</p>"


def criteria_label(criteria: BoardCriteria) -> str:
    """The criteria in words, for the feed's title ("soudeur · Sorel-Tracy · Temps plein")."""
    parts = []
    if criteria.q:
        parts.append(f"« {criteria.q} »")
    if criteria.municipality:
        name = db.session.scalar(
            select(Municipality.name).where(Municipality.code == criteria.municipality)
        )
        parts.append(name or criteria.municipality)
    elif criteria.mrc:
        name = dict(mrc_choices()).get(criteria.mrc)
        if name:
            parts.append(name)
    if criteria.employment_type:
        parts.append(str(EMPLOYMENT_TYPE_LABELS[EmploymentType(criteria.employment_type)]))
    if criteria.category is not None:
        parts.append(str(BROAD_CATEGORIES[criteria.category]))
    return xml_safe(" · ".join(parts))


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str
    updated: datetime
    mimetype: str


def etag_of(fmt: str, args: dict, offers: list[Offer]) -> str:
    """Changes with anything the feed shows: which offers, their changes, their employers'."""
    digest = hashlib.sha256()
    digest.update(repr((LAYOUT_VERSION, fmt, sorted(args.items()))).encode())
    for offer in offers:
        employer = offer.employer.updated_at if offer.employer else None
        digest.update(repr((offer.id, offer.updated_at, offer.published_at, employer)).encode())
    return digest.hexdigest()[:32]


def render(fmt: str, criteria: BoardCriteria) -> Feed:
    """Build the RSS (`fmt="rss"`) or Atom (`"atom"`) feed for `criteria`, in French."""
    args = feed_args(criteria)
    offers = offers_for(criteria)
    updated = feed_updated(offers)
    with force_locale("fr_CA"):
        org = current_app.config["OJ_ORG_NAME"]
        title = _("Offres d'emploi · %(org)s", org=org)
        label = criteria_label(criteria)
        if label:
            title = f"{title} · {label}"
        board_url = url_for("public.board", _external=True, **args)
        self_url = url_for(f"rss.{fmt}", _external=True, **args)

        fg = FeedGenerator()
        fg.load_extension("dc", atom=False, rss=True)
        fg.id(self_url)
        fg.title(xml_safe(title))
        fg.description(
            _(
                "Les offres d'emploi affichées par %(org)s, des plus récentes aux plus anciennes.",
                org=org,
            )
        )
        fg.author({"name": org})
        # The self link first: feedgen takes the last link as the RSS channel's <link>.
        fg.link(href=self_url, rel="self", type=FORMATS[fmt].split(";")[0])
        fg.link(href=board_url, rel="alternate", type="text/html")
        fg.language(LANGUAGE)
        fg.updated(updated)
        fg.lastBuildDate(updated)
        fg.generator("orientheque-jobs")
        for offer in offers:  # newest first
            link = url_for("public.offer", offer_id=offer.id, _external=True)
            entry = fg.add_entry(order="append")
            entry.id(link)
            entry.guid(link, permalink=True)
            entry.title(xml_safe(offer.title))
            entry.link(href=link, rel="alternate", type="text/html")
            entry.summary(item_summary(offer), type="html")
            entry.author({"name": xml_safe(offer.employer.name)})
            entry.dc.dc_creator(xml_safe(offer.employer.name))
            published = _utc(offer.published_at or offer.created_at)
            entry.published(published)
            entry.updated(changed_at(offer))
            if offer.municipality is not None:
                entry.category(term=offer.municipality.code, label=offer.municipality.name)
            if offer.noc_code and offer.noc_code[:1].isdigit():
                broad = BROAD_CATEGORIES.get(int(offer.noc_code[0]))
                if broad is not None:
                    entry.category(term=offer.noc_code[0], label=str(broad), scheme="CNP 2021")
        body = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
    return Feed(body, etag_of(fmt, args, offers), updated, FORMATS[fmt])


class FeedCache:
    """Built feeds keyed by format, criteria and the board's change stamp (never stale)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._feeds: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, fmt: str, criteria: BoardCriteria) -> Feed:
        key = (fmt, tuple(sorted(feed_args(criteria).items())), change_stamp())
        with self._lock:
            feed = self._feeds.get(key)
            if feed is not None:
                self._feeds.move_to_end(key)
                return feed
        feed = render(fmt, criteria)
        with self._lock:
            self._feeds[key] = feed
            while len(self._feeds) > self.size:
                self._feeds.popitem(last=False)
        return feed


def cached_feed(fmt: str, criteria: BoardCriteria) -> Feed:
    cache = current_app.extensions.get("oj_rss_feeds")
    if cache is None:
        size = current_app.config.get("OJ_PAGE_CACHE_SIZE", 256)
        cache = current_app.extensions.setdefault("oj_rss_feeds", FeedCache(size))
    return cache.get_or_render(fmt, criteria)
