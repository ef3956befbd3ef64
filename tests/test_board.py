"""The public board: one visibility rule, search, filters, pagination, offer pages."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape

import pytest

from orientheque_jobs.extensions import db
from orientheque_jobs.models import EmploymentType, OfferStatus, Schedule, utcnow
from orientheque_jobs.services.offers import visible_offers

from .factories import CONTRECOEUR, future, make_offer


def titles(client, query: str = "") -> list[str]:
    html = client.get(f"/offres{query}").get_data(as_text=True)
    return [unescape(t) for t in re.findall(r'<h2><a href="/offres/\d+">([^<]+)</a></h2>', html)]


@pytest.fixture
def every_status(app):
    with app.app_context():
        make_offer(title="Visible")
        make_offer(title="Expire aujourd'hui", expires_on=future(0))
        make_offer(title="Expirée hier", expires_on=future(-1))  # still 'published' in the DB
        for status in OfferStatus:
            if status != OfferStatus.PUBLISHED:
                make_offer(status, title=f"État {status.value}")


def test_only_published_unexpired_offers_are_visible_anywhere(app, client, every_status):
    assert sorted(titles(client)) == ["Expire aujourd'hui", "Visible"]
    with app.app_context():
        rule = sorted(o.title for o in db.session.scalars(visible_offers()))
    assert rule == ["Expire aujourd'hui", "Visible"]


def test_closed_offer_pages_are_410_and_unpublished_ones_404(app, client, every_status):
    from sqlalchemy import select

    from orientheque_jobs.models import Offer

    with app.app_context():
        by_title = {o.title: o.id for o in db.session.scalars(select(Offer))}
    expected = {
        "Visible": 200, "Expire aujourd'hui": 200, "Expirée hier": 410,
        "État filled": 410, "État expired": 410, "État withdrawn": 410,
        "État submitted": 404, "État draft": 404, "État rejected": 404,
    }  # fmt: skip
    for title, code in expected.items():
        assert client.get(f"/offres/{by_title[title]}").status_code == code, title


def test_newest_first_and_pagination(app, client):
    app.config["OJ_BOARD_PAGE_SIZE"] = 2
    try:
        with app.app_context():
            now = utcnow()
            for day in range(5):
                make_offer(title=f"Offre {day}", published_at=now - timedelta(days=day))
        assert titles(client) == ["Offre 0", "Offre 1"]
        assert titles(client, "?page=3") == ["Offre 4"]
        assert titles(client, "?page=9") == []
        html = client.get("/offres?page=2").get_data(as_text=True)
        assert 'rel="prev"' in html and 'rel="next"' in html and "Page 2 sur 3" in html
    finally:
        app.config["OJ_BOARD_PAGE_SIZE"] = 20


def test_keyword_search_ignores_case_and_accents(app, client):
    with app.app_context():
        make_offer(title="Électricienne industrielle", noc_code="72201")
        make_offer(
            title="Préposé aux bénéficiaires",
            noc_code="33102",
            description="CHSLD de Sorel-Tracy, soins d'hygiène et accompagnement des aînés.",
        )
    assert titles(client, "?q=electricienne") == ["Électricienne industrielle"]
    assert titles(client, "?q=ÉLECTRICIENNE") == ["Électricienne industrielle"]
    assert titles(client, "?q=aines+chsld") == ["Préposé aux bénéficiaires"]
    assert titles(client, "?q=chsld+electricienne") == []
    assert titles(client, "?q=100%25") == []


def test_filters(app, client):
    with app.app_context():
        make_offer(title="Jour plein temps Sorel", noc_code="72106")
        make_offer(
            title="Soir temps partiel Contrecoeur",
            municipality_code=CONTRECOEUR,
            employment_types=EmploymentType.PART_TIME,
            schedules=Schedule.EVENING,
            noc_code="65201",
        )
    assert titles(client, "?mrc=530") == ["Jour plein temps Sorel"]
    assert titles(client, "?municipality=59035") == ["Soir temps partiel Contrecoeur"]
    assert titles(client, f"?type={int(EmploymentType.PART_TIME)}") == [
        "Soir temps partiel Contrecoeur"
    ]
    assert titles(client, f"?schedule={int(Schedule.DAY)}") == ["Jour plein temps Sorel"]
    assert titles(client, "?category=7") == ["Jour plein temps Sorel"]
    assert titles(client, "?category=6&mrc=590") == ["Soir temps partiel Contrecoeur"]
    html = client.get("/offres?mrc=530").get_data(as_text=True)
    assert '<option value="530" selected>' in html  # the filter form keeps the choice


def test_offer_page_has_what_an_applicant_needs(app, client):
    with app.app_context():
        offer = make_offer(
            title="Soudeur-assembleur",
            apply_phone="450 555-0123",
            tasks="Lire des plans.",
            requirements="DEP en soudage-montage.",
        )
        offer_id = offer.id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    for expected in (
        "Soudeur-assembleur",
        "Métallurgie Richelieu inc.",
        "Sorel-Tracy",
        "Lire des plans.",
        "DEP en soudage-montage.",
        "450 555-0123",
        "emplois@metallurgie-richelieu.example",
        "24,50",
        "31,00",
    ):
        assert expected in html, expected


def test_language_justification_is_shown(app, client):
    with app.app_context():
        from orientheque_jobs.models import LanguageRequirement

        offer_id = make_offer(
            other_languages="anglais",
            other_language_requirement=LanguageRequirement.REQUIRED,
            language_justification="Clients du Nouveau-Brunswick.",
        ).id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    assert "Clients du Nouveau-Brunswick." in html


def test_jsonld_has_every_google_required_property(app, client):
    with app.app_context():
        offer_id = make_offer(address="100, rue du Port", positions=3).id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    for key in (
        "title",
        "description",
        "datePosted",
        "validThrough",
        "hiringOrganization",
        "jobLocation",
        "employmentType",
        "baseSalary",
        "identifier",
    ):
        assert data[key], key
    assert data["title"] == "Soudeur-assembleur"
    assert data["description"].startswith("<p>")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00", data["datePosted"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T23:59:59-0[45]:00", data["validThrough"])
    assert data["validThrough"].startswith(future(30).isoformat())
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Métallurgie Richelieu inc.",
    }
    address = data["jobLocation"]["address"]
    assert address == {
        "@type": "PostalAddress",
        "streetAddress": "100, rue du Port",
        "addressLocality": "Sorel-Tracy",
        "addressRegion": "QC",
        "addressCountry": "CA",
    }
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "CAD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 24.5,
            "maxValue": 31.0,
            "unitText": "HOUR",
        },
    }
    assert data["totalJobOpenings"] == 3
    assert data["url"].endswith(f"/offres/{offer_id}")


def test_jsonld_remote_offer_and_mixed_types(app, client):
    with app.app_context():
        offer_id = make_offer(
            remote=True,
            municipality_code=None,
            employment_types=EmploymentType.PART_TIME | EmploymentType.SEASONAL,
            salary_min_cents=5_200_000,
            salary_max_cents=5_200_000,
            salary_unit=None,
        ).id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"]["name"] == "Québec"
    assert "jobLocation" not in data
    assert data["employmentType"] == ["PART_TIME", "TEMPORARY"]
    assert "baseSalary" not in data  # no unit, no salary claim


def test_cached_board_page_follows_every_change(app, client):
    from orientheque_jobs.services import offers as offer_service

    with app.app_context():
        offer = make_offer(title="Cariste de soir")
        employer_id = offer.employer_id
    assert titles(client) == ["Cariste de soir"]
    assert titles(client) == ["Cariste de soir"]  # served from the cache
    with app.app_context():
        from orientheque_jobs.models import Employer, Offer

        db.session.get(Employer, employer_id).name = "Nouveau nom inc."
        db.session.commit()
        assert "Nouveau nom inc." in client.get("/offres").get_data(as_text=True)
        offer_service.close(db.session.get(Offer, offer.id), OfferStatus.WITHDRAWN)
    assert titles(client) == []


def test_a_change_made_by_another_worker_is_seen_after_the_stamp_delay(app, client):
    from sqlalchemy import update

    from orientheque_jobs.models import Offer

    with app.app_context():
        offer_id = make_offer(title="Soudeur de nuit").id
    app.config["OJ_BOARD_STAMP_SECONDS"] = 3600
    try:
        assert titles(client) == ["Soudeur de nuit"]
        with app.app_context(), db.engine.begin() as conn:  # like another process: no ORM
            conn.execute(update(Offer).where(Offer.id == offer_id).values(
                status=OfferStatus.FILLED, updated_at=utcnow()))  # fmt: skip
        assert titles(client) == ["Soudeur de nuit"]  # within the delay: the cached page
        app.config["OJ_BOARD_STAMP_SECONDS"] = 0
        assert titles(client) == []
    finally:
        app.config["OJ_BOARD_STAMP_SECONDS"] = 1
