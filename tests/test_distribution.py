"""Distribution records: once per key, on the counsellor's offer page, in the yearly figure."""

from __future__ import annotations

from datetime import date, datetime

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Distribution, DistributionResult, Offer, Role
from orientheque_jobs.services import indicators
from orientheque_jobs.services.distribution import distributions_of, record

from .factories import login, make_offer, make_user


def test_a_delivery_is_recorded_once_per_key(ctx):
    offer = make_offer()
    assert record(offer.id, "rss", "flux public", key=f"rss:{offer.id}")
    assert not record(offer.id, "rss", "flux public", key=f"rss:{offer.id}")  # a retry
    assert record(offer.id, "rss", "flux public", key="rss:removed", result="removed")
    rows = distributions_of(db.session.get(Offer, offer.id))
    assert [(r.channel, r.result) for r in rows] == [
        ("rss", DistributionResult.REMOVED),
        ("rss", DistributionResult.SENT),
    ]


def test_the_offers_figure_counts_offers_distributed_in_the_period(ctx):
    old = make_offer(title="Publiée l'an dernier")
    old.published_at = datetime(2024, 3, 1, 15)
    fresh = make_offer(title="Publiée cette année")
    fresh.published_at = datetime(2025, 9, 1, 15)
    db.session.commit()

    def offers_figure(start, end) -> int:
        report = indicators.compute(start, end)
        return next(f.value for _s, _r, _c, f in report.cells() if f.key == "offers")

    year = (date(2025, 7, 1), date(2026, 6, 30))
    assert offers_figure(*year) == 1
    db.session.add_all(
        [
            Distribution(
                offer_id=old.id,
                channel="lge_digest",
                target="abonné 1",
                key="a",
                result=DistributionResult.SENT,
                at=datetime(2025, 10, 2, 12),
            ),
            Distribution(
                offer_id=old.id,
                channel="lge_digest",
                target="abonné 2",
                key="b",
                result=DistributionResult.SENT,
                at=datetime(2025, 10, 3, 12),
            ),
            Distribution(
                offer_id=fresh.id,
                channel="rss",
                target="flux",
                key="c",
                result=DistributionResult.SENT,
                at=datetime(2025, 9, 1, 16),
            ),
        ]
    )
    db.session.commit()
    assert offers_figure(*year) == 2  # each offer once, however many deliveries
    assert offers_figure(date(2024, 7, 1), date(2025, 6, 30)) == 0


def test_counsellors_see_where_an_offer_went(app):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        offer = make_offer()
        record(offer.id, "rss", "flux public", key="k1")
        offer_id = offer.id
    client = app.test_client()
    login(client, counsellor)
    html = client.get(f"/conseil/offres/{offer_id}").get_data(as_text=True)
    assert "Diffusion" in html and "flux public" in html and "Fils RSS et Atom" in html
