"""The `rss` plugin: RSS 2.0 and Atom feeds of the visible offers, filtered like the board."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import feedparser
import pytest
from sqlalchemy import select

from orientheque_jobs import create_app
from orientheque_jobs.extensions import db
from orientheque_jobs.hookspecs import OfferChange
from orientheque_jobs.models import (
    Distribution,
    DistributionResult,
    EmploymentType,
    Offer,
    OfferStatus,
    utcnow,
)
from orientheque_jobs.plugins import channels, manager
from orientheque_jobs.services import offers as offer_service
from plugins.rss import feeds

from ..conftest import make_config
from ..factories import CONTRECOEUR, SOREL_TRACY, future, make_employer, make_offer, make_user

FEEDS = ("/offres/flux.rss", "/offres/flux.atom")


def parse(client, url: str, **kwargs):
    """GET a feed; it must answer 200 with its media type and parse with no error at all."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    kind = "rss" if ".rss" in url else "atom"
    assert response.content_type == f"application/{kind}+xml; charset=utf-8"
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    return parsed


def titles(client, url: str) -> list[str]:
    return [entry.title for entry in parse(client, url).entries]


def both(client, query: str = "") -> list[str]:
    """The titles of the RSS feed, checked to be the same as the Atom feed's."""
    rss, atom = (titles(client, f"{url}{query}") for url in FEEDS)
    assert rss == atom, query
    return rss


def published(minutes_ago: int) -> datetime:
    return utcnow() - timedelta(minutes=minutes_ago)


@pytest.fixture(autouse=True)
def _no_cached_feeds(app):
    """Feeds are cached per app by the board's change stamp; start every test without any."""
    app.extensions.pop("oj_rss_feeds", None)
    yield


# --- the feeds ---------------------------------------------------------------------------------


def test_feeds_are_valid_french_with_links_and_permalink_guids(app, client):
    with app.app_context():
        older = make_offer(title="Commis & aide <cuisine>", published_at=published(60))
        newer = make_offer(
            title="Soudeur « MIG »",
            # Control characters XML cannot hold (no NUL: PostgreSQL refuses to store it).
            description="Contrôle\x0b qualité\x08 & soudure\x1f 😀 " + "long " * 200,
            published_at=published(5),
        )
        ids = [newer.id, older.id]
    for url in FEEDS:
        parsed = parse(client, url)
        assert parsed.feed.language == "fr-CA"
        assert parsed.feed.link == "http://localhost/offres"
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == f"http://localhost{url}"
        assert [e.title for e in parsed.entries] == ["Soudeur « MIG »", "Commis & aide <cuisine>"]
        for entry, offer_id in zip(parsed.entries, ids, strict=True):
            permalink = f"http://localhost/offres/{offer_id}"
            assert entry.link == permalink
            assert entry.id == permalink
            assert entry.author == "Métallurgie Richelieu inc."
            assert "Sorel-Tracy" in entry.summary
            assert "published_parsed" in entry
        # The description is cut short, and what XML cannot hold is left out.
        assert len(parsed.entries[0].summary) < 600
        assert "Contrôle qualité &amp; soudure 😀" in parsed.entries[0].summary
    # Always in French, whatever the visitor's language.
    english = parse(client, "/offres/flux.rss?lang=en")
    assert english.feed.title.startswith("Offres d'emploi")
    assert "Temps plein, Permanent · 24,50\xa0$ à 31,00\xa0$ l'heure" in english.entries[1].summary
    rss = client.get("/offres/flux.rss").get_data(as_text=True)
    assert rss.count('<guid isPermaLink="true">http://localhost/offres/') == 2
    assert "<lastBuildDate>" in rss and "<pubDate>" in rss


def test_an_empty_feed_is_valid_and_dated_by_a_fixed_date(app, client):
    for url in FEEDS:
        parsed = parse(client, url)
        assert parsed.entries == []
        assert parsed.feed.updated_parsed[:6] == feeds.EMPTY_FEED_UPDATED.timetuple()[:6]


def test_only_visible_offers_are_in_any_feed(app, client):
    with app.app_context():
        make_offer(title="Visible")
        make_offer(title="Expire aujourd'hui", expires_on=future(0))
        make_offer(title="Expirée hier", expires_on=future(-1))  # still 'published' in the DB
        for status in OfferStatus:
            if status != OfferStatus.PUBLISHED:
                make_offer(status, title=f"État {status.value}")
    expected = {"Visible", "Expire aujourd'hui"}
    for query in ("", "?q=soudeur", "?mrc=530", f"?municipality={SOREL_TRACY}", "?type=1"):
        assert set(both(client, query)) <= expected, query
    assert set(both(client)) == expected
    for query in ("?q=etat", "?q=expiree"):
        assert both(client, query) == [], query


def test_filters_are_the_boards(app, client):
    with app.app_context():
        make_offer(
            title="Soudeur de jour",
            noc_code="72106",
            employment_types=EmploymentType.FULL_TIME,
            published_at=published(30),
        )
        make_offer(
            title="Caissière à Contrecœur",
            noc_code="65100",
            municipality_code=CONTRECOEUR,
            employer=make_employer("Marché Richelieu"),
            description="Accueillir la clientèle et tenir la caisse.",
            employment_types=EmploymentType.PART_TIME,
            published_at=published(20),
        )
        make_offer(
            title="Soudeur saisonnier",
            noc_code="72106",
            employment_types=EmploymentType.SEASONAL,
            published_at=published(10),
        )
    assert both(client) == ["Soudeur saisonnier", "Caissière à Contrecœur", "Soudeur de jour"]
    assert both(client, "?q=soudeur") == ["Soudeur saisonnier", "Soudeur de jour"]
    assert both(client, "?q=CAISSIERE") == ["Caissière à Contrecœur"]
    assert both(client, "?mrc=590") == ["Caissière à Contrecœur"]
    assert both(client, "?mrc=530") == ["Soudeur saisonnier", "Soudeur de jour"]
    assert both(client, f"?municipality={CONTRECOEUR}") == ["Caissière à Contrecœur"]
    assert both(client, "?category=6") == ["Caissière à Contrecœur"]
    assert both(client, "?category=7") == ["Soudeur saisonnier", "Soudeur de jour"]
    assert both(client, f"?type={int(EmploymentType.PART_TIME)}") == ["Caissière à Contrecœur"]
    assert both(client, f"?type={int(EmploymentType.SEASONAL)}&q=soudeur&mrc=530") == [
        "Soudeur saisonnier"
    ]
    assert both(client, "?category=3") == []
    # The filtered feed says what it holds and links to the same search on the board.
    parsed = parse(client, "/offres/flux.rss?q=soudeur&mrc=530&page=3")
    assert "« soudeur »" in parsed.feed.title and "Pierre-De Saurel" in parsed.feed.title
    assert parsed.feed.link == "http://localhost/offres?q=soudeur&mrc=530"
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert self_link == "http://localhost/offres/flux.rss?q=soudeur&mrc=530"


def test_feeds_are_capped_newest_first(app, client):
    with app.app_context():
        for minutes in range(6):
            make_offer(title=f"Offre {minutes}", published_at=published(minutes))
    app.config["OJ_RSS_MAX_ITEMS"] = 3
    try:
        assert both(client) == ["Offre 0", "Offre 1", "Offre 2"]
    finally:
        del app.config["OJ_RSS_MAX_ITEMS"]


@pytest.mark.parametrize(
    "query",
    [
        "?type=abc",
        "?type=999",
        "?type=-1",
        "?mrc=../../",
        "?mrc=%00",
        "?municipality=1;DROP TABLE offer",
        "?category=x",
        "?category=99",
        "?page=-1",
        "?page=99999999999999999999",
        "?q=" + "é" * 5000,
        "?q=%00%01%1F%7F%EF%BF%BE",
        "?q=%FF%FE%C0%AF",
        "?q=%ED%A0%80",  # a lone surrogate, encoded
        "?q=%25%5F%5C",
        "?q=<script>alert(1)</script>&mrc[]=1&type=1&type=2",
        "?q=\u202e\u200b\ufeff😀",
    ],
)
def test_garbage_parameters_give_a_valid_feed(app, client, query):
    with app.app_context():
        make_offer(title="Soudeur-assembleur")
    for url in FEEDS:
        response = client.get(f"{url}{query}")
        assert response.status_code < 500, (url, query)
        if response.status_code == 200:
            parse(client, f"{url}{query}")


# --- dates and conditional requests --------------------------------------------------------------


def test_updated_is_the_latest_change_of_the_items_and_stable(app, client):
    with app.app_context():
        make_offer(title="Ancienne", published_at=published(120))
        offer = make_offer(title="Récente", published_at=published(60))
        offer_id = offer.id
        latest = max(
            max(o.updated_at, o.published_at) for o in db.session.scalars(select(Offer))
        ).replace(tzinfo=UTC)
    first, second = (client.get("/offres/flux.atom") for _ in range(2))
    assert first.data == second.data  # nothing in it depends on the time of the request
    parsed = feedparser.parse(first.data)
    assert parsed.feed.updated_parsed[:6] == latest.timetuple()[:6]
    assert first.last_modified == latest.replace(microsecond=0)
    rss = feedparser.parse(client.get("/offres/flux.rss").data)
    assert rss.feed.updated_parsed[:6] == latest.timetuple()[:6]  # lastBuildDate
    # An edit moves the date forward (and only then).
    with app.app_context():
        edited = db.session.get(Offer, offer_id)
        edited.title = "Récente, modifiée"
        db.session.commit()
        changed = edited.updated_at.replace(tzinfo=UTC)
    parsed = feedparser.parse(client.get("/offres/flux.atom").data)
    assert parsed.entries[0].title == "Récente, modifiée"
    assert parsed.feed.updated_parsed[:6] == changed.timetuple()[:6]
    assert changed > latest


def test_etag_and_not_modified(app, client):
    with app.app_context():
        make_offer(title="Première")
        second = make_offer(title="Deuxième")
        second_id = second.id
    for url in FEEDS:
        first = client.get(url)
        etag = first.headers["ETag"]
        assert first.headers["Last-Modified"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b""
        assert again.headers["ETag"] == etag
        assert client.get(f"{url}?q=soudeur", headers={"If-None-Match": etag}).status_code == 200
    etags = {url: client.get(url).headers["ETag"] for url in FEEDS}
    # Filling an offer takes it out of the feed: the same ETag no longer matches.
    with app.app_context():
        offer_service.close(db.session.get(Offer, second_id), OfferStatus.FILLED)
    for url in FEEDS:
        response = client.get(url, headers={"If-None-Match": etags[url]})
        assert response.status_code == 200
        assert [e.title for e in feedparser.parse(response.data).entries] == ["Première"]


# --- the board ---------------------------------------------------------------------------------


def test_board_has_autodiscovery_and_a_link_for_its_search(app, client):
    html = client.get("/offres?q=soudeur&mrc=530&type=1&page=2").get_data(as_text=True)
    head = html.split("</head>")[0]
    pattern = r'<link rel="alternate" type="(application/[a-z]+\+xml)"[^>]*href="([^"]+)"'
    alternates = dict(re.findall(pattern, head))
    assert unescape(alternates["application/rss+xml"]) == (
        "http://localhost/offres/flux.rss?q=soudeur&mrc=530&type=1"
    )
    assert unescape(alternates["application/atom+xml"]) == (
        "http://localhost/offres/flux.atom?q=soudeur&mrc=530&type=1"
    )
    body = html.split("</head>")[1]
    assert "Fil RSS / Atom de cette recherche" in body
    assert 'href="/offres/flux.rss?q=soudeur&amp;mrc=530&amp;type=1"' in body
    assert 'href="/offres/flux.atom?q=soudeur&amp;mrc=530&amp;type=1"' in body
    # The plain board links to the feed of every offer; garbage criteria are not carried over.
    plain = client.get("/offres?type=abc&mrc=../..").get_data(as_text=True)
    assert 'href="http://localhost/offres/flux.rss"' in plain
    assert "Fil RSS / Atom de toutes les offres" in plain
    # Other pages have no autodiscovery of the board's feeds.
    assert "application/rss+xml" not in client.get("/publier").get_data(as_text=True)


# --- distribution records ----------------------------------------------------------------------


def rss_rows(offer_id: int) -> list[tuple[str, DistributionResult]]:
    return [
        (row.key, row.result)
        for row in db.session.scalars(
            select(Distribution)
            .where(Distribution.offer_id == offer_id, Distribution.channel == "rss")
            .order_by(Distribution.id)
        )
    ]


def test_publication_and_removal_are_recorded_once(app, ctx):
    offer = make_offer(OfferStatus.SUBMITTED)
    offer_id = offer.id
    offer_service.approve(offer, make_user())
    db.session.expire_all()
    offer = db.session.get(Offer, offer_id)
    key = f"rss:{offer_id}:{offer.published_at.isoformat()}"
    assert rss_rows(offer_id) == [(key, DistributionResult.SENT)]
    row = db.session.scalar(select(Distribution).where(Distribution.key == key))
    assert row.target == "flux public"
    # The same event again (a retry) and an edit while visible record nothing more.
    hook = manager(app).hook
    hook.oj_offer_changed(app=app, offer=offer, change=OfferChange.PUBLISHED)
    hook.oj_offer_changed(app=app, offer=offer, change=OfferChange.CHANGED)
    assert len(rss_rows(offer_id)) == 1
    offer_service.close(offer, OfferStatus.FILLED)
    db.session.expire_all()
    offer = db.session.get(Offer, offer_id)
    hook.oj_offer_changed(app=app, offer=offer, change=OfferChange.UNPUBLISHED)
    assert rss_rows(offer_id) == [
        (key, DistributionResult.SENT),
        (f"{key}:removed:1", DistributionResult.REMOVED),
    ]


def test_expiry_and_renewal_leave_and_reenter_the_feeds(app, ctx):
    offer = make_offer(OfferStatus.SUBMITTED)
    offer_id = offer.id
    offer_service.approve(offer, make_user())
    offer = db.session.get(Offer, offer_id)
    key = f"rss:{offer_id}:{offer.published_at.isoformat()}"
    offer.expires_on = future(-1)
    db.session.commit()
    offer_service.expire_offers()
    offer_service.renew(db.session.get(Offer, offer_id))
    assert rss_rows(offer_id) == [
        (key, DistributionResult.SENT),
        (f"{key}:removed:1", DistributionResult.REMOVED),
        (f"{key}:2", DistributionResult.SENT),
    ]


def test_an_employer_edit_takes_it_out_until_approved_again(app, ctx):
    offer = make_offer(OfferStatus.SUBMITTED)
    offer_id = offer.id
    counsellor = make_user()
    offer_service.approve(offer, counsellor)
    first = f"rss:{offer_id}:{db.session.get(Offer, offer_id).published_at.isoformat()}"
    offer_service.update_offer(db.session.get(Offer, offer_id), {"title": "Soudeuse"})
    offer_service.approve(db.session.get(Offer, offer_id), counsellor)
    second = f"rss:{offer_id}:{db.session.get(Offer, offer_id).published_at.isoformat()}"
    assert second != first
    assert rss_rows(offer_id) == [
        (first, DistributionResult.SENT),
        (f"{first}:removed:1", DistributionResult.REMOVED),
        (second, DistributionResult.SENT),
    ]


def test_an_offer_never_published_records_nothing(app, ctx):
    offer = make_offer(OfferStatus.SUBMITTED)
    offer_service.close(offer, OfferStatus.WITHDRAWN)
    assert rss_rows(offer.id) == []


def test_the_channel_is_declared(app, ctx):
    rss = next(channel for channel in channels(app) if channel.name == "rss")
    assert str(rss.label) == "Fils RSS et Atom"


# --- disabling -----------------------------------------------------------------------------------


def test_disabling_the_plugin_removes_the_feeds(tmp_path_factory, smtp):
    # A second app of its own (no database access): the session app is left alone.
    other = create_app(make_config(tmp_path_factory, smtp, OJ_DISABLED_PLUGINS="rss"))
    endpoints = {rule.endpoint for rule in other.url_map.iter_rules()}
    assert not {"rss.rss", "rss.atom"} & endpoints
    assert "rss" not in {channel.name for channel in channels(other)}
    assert manager(other).get_plugin("rss") is None
    with other.test_request_context("/offres"):
        assert "rss" not in other.jinja_env.globals["slot"]("head")
