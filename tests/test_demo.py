"""The demo data set (`flask demo load`): size, coherence, idempotence, and what the app shows."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from markupsafe import escape
from sqlalchemy import func, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    Contact,
    Employer,
    EmployerSize,
    LanguageRequirement,
    Municipality,
    NocUnitGroup,
    Offer,
    OfferEvent,
    OfferStatus,
    Role,
    User,
    utcnow,
)
from orientheque_jobs.services.clock import local_today
from orientheque_jobs.services.demo import (
    COUNSELLOR_EMAIL,
    DEMO_PASSWORD,
    PUBLISHED_ONLY,
    build_employers,
    generate_offers,
    load_demo_data,
)
from orientheque_jobs.services.offers import search_text_of, visible_offers

from .conftest import post_form

MODELS = (User, Employer, Contact, Offer, OfferEvent)
FICTIONAL_DOMAIN = re.compile(r"@[a-z0-9.-]+\.(demo|test)$")


def table_counts() -> dict[str, int]:
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}


def all_offers() -> list[Offer]:
    return list(db.session.scalars(select(Offer).order_by(Offer.id)))


def test_load_creates_staff_employers_and_offers_in_every_status(ctx):
    summary = load_demo_data()

    counts = summary["counts"]
    assert summary["login"] == COUNSELLOR_EMAIL
    assert summary["created"] is True
    assert counts["employers"] >= 30
    assert counts["offers"] >= 200
    in_db = table_counts()
    assert (counts["offers"], counts["employers"]) == (in_db["Offer"], in_db["Employer"])
    statuses = set(db.session.scalars(select(Offer.status).distinct()))
    assert statuses >= {
        OfferStatus.SUBMITTED,
        OfferStatus.PUBLISHED,
        OfferStatus.REJECTED,
        OfferStatus.FILLED,
        OfferStatus.EXPIRED,
        OfferStatus.WITHDRAWN,
    }
    for status in statuses:
        assert counts[f"offers {status.value}"] == db.session.scalar(
            select(func.count()).select_from(Offer).where(Offer.status == status)
        )
    assert set(db.session.scalars(select(User.role))) == set(Role)
    contacts_per_employer = (
        db.session.execute(select(func.count(Contact.id)).group_by(Contact.employer_id))
        .scalars()
        .all()
    )
    assert len(contacts_per_employer) == counts["employers"]
    assert set(contacts_per_employer) <= {1, 2}


def test_second_load_adds_nothing(ctx):
    first = load_demo_data()
    before = table_counts()

    second = load_demo_data()

    assert second["created"] is False
    assert table_counts() == before
    assert second["counts"] == first["counts"]
    assert second["login"] == first["login"]


def test_every_published_demo_offer_is_visible_and_no_other(ctx):
    load_demo_data()
    today = local_today()

    published = set(
        db.session.scalars(select(Offer.id).where(Offer.status == OfferStatus.PUBLISHED))
    )
    visible = set(db.session.scalars(visible_offers().with_only_columns(Offer.id)))

    assert len(published) >= 100
    assert visible == published
    expired = db.session.scalars(select(Offer).where(Offer.status == OfferStatus.EXPIRED)).all()
    assert expired and all(o.expires_on < today for o in expired)


def test_dates_and_history_follow_the_lifecycle(ctx):
    load_demo_data()
    now, today = utcnow(), local_today()

    for offer in all_offers():
        actions = [e.action for e in offer.events]
        assert offer.search_text == search_text_of(offer)
        if offer.status == OfferStatus.DRAFT:
            assert actions == [] and offer.submitted_at is None
            continue
        assert actions[0] == "submitted"
        assert offer.submitted_at <= now
        assert [e.at for e in offer.events] == sorted(e.at for e in offer.events)
        if offer.published_at is not None:
            assert "published" in actions
            assert now - timedelta(days=61) <= offer.published_at <= now
            assert offer.submitted_at <= offer.published_at
        if offer.status == OfferStatus.PUBLISHED:
            assert offer.expires_on > today
            assert offer.expires_on <= today + timedelta(days=90)
        elif offer.status == OfferStatus.SUBMITTED:
            assert actions == ["submitted"] and offer.expires_on > today
        elif offer.status == OfferStatus.REJECTED:
            assert offer.rejection_reason
            assert actions == ["submitted", "rejected"]
            assert offer.events[-1].note == offer.rejection_reason
            assert offer.events[-1].actor.role == Role.COUNSELLOR
        else:  # filled, expired, withdrawn
            assert actions[-1] == offer.status.value
            assert offer.closed_at is not None and offer.closed_at <= now
            if offer.status == OfferStatus.EXPIRED:
                assert offer.published_at is not None and offer.expires_on < today


def test_reference_codes_exist(ctx):
    load_demo_data()
    noc_codes = set(db.session.scalars(select(NocUnitGroup.code)))
    municipalities = {m.code: m for m in db.session.scalars(select(Municipality))}
    offers = all_offers()

    assert all(o.noc_code in noc_codes for o in offers)
    used = {o.municipality_code for o in offers} | set(
        db.session.scalars(select(Employer.municipality_code))
    )
    assert used <= set(municipalities)
    assert "53052" in used  # Sorel-Tracy
    assert sum(municipalities[c].mrc_code == "530" for c in used) >= 5  # MRC Pierre-De Saurel
    welders = [o for o in offers if o.title.startswith("Soudeur")]
    assert welders and {o.noc_code for o in welders} == {"72106"}


def test_employers_have_a_file(ctx):
    load_demo_data()
    employers = db.session.scalars(select(Employer)).all()

    assert all(e.sector and e.size and e.has_hr_department is not None for e in employers)
    assert {e.size for e in employers} == set(EmployerSize)
    assert 0 < sum(e.has_hr_department for e in employers) < len(employers) / 2
    assert len({e.sector for e in employers}) >= 10


def test_contact_data_is_fictional(ctx):
    load_demo_data()

    emails = (
        list(db.session.scalars(select(Contact.email)))
        + list(db.session.scalars(select(User.email)))
        + list(db.session.scalars(select(Offer.apply_email).where(Offer.apply_email.is_not(None))))
    )
    assert emails and all(FICTIONAL_DOMAIN.search(e) for e in emails)
    websites = list(
        db.session.scalars(select(Employer.website).where(Employer.website.is_not(None)))
    )
    assert websites and all(re.fullmatch(r"https://[a-z0-9.-]+\.demo", w) for w in websites)
    neqs = list(db.session.scalars(select(Employer.neq).where(Employer.neq.is_not(None))))
    assert neqs and all(re.fullmatch(r"\d{10}", n) for n in neqs)


def test_offers_vary_like_real_ones(ctx):
    load_demo_data()
    offers = all_offers()

    required = [o for o in offers if o.other_language_requirement == LanguageRequirement.REQUIRED]
    assert required and all(o.language_justification and o.other_languages for o in required)
    assert any(o.title_en and o.description_en for o in offers)
    remote = [o for o in offers if o.remote]
    assert remote and all(o.address is None for o in remote)
    assert len({o.title for o in offers}) >= 40
    assert len({o.employer_id for o in offers}) >= 30
    for offer in offers:
        assert offer.employment_types and offer.schedules
        assert len(offer.description.split(". ")) >= 2
        if offer.salary_min_cents is not None:
            assert offer.salary_unit is not None
            assert (
                offer.salary_max_cents is None or offer.salary_max_cents >= offer.salary_min_cents
            )


def test_loading_sends_no_email(app, ctx, smtp):
    outbox = Path(app.config["OJ_OUTBOX_DIR"])
    before = set(outbox.glob("*")) if outbox.exists() else set()

    load_demo_data()

    assert smtp.messages == []
    assert (set(outbox.glob("*")) if outbox.exists() else set()) == before


def test_generator_is_deterministic_and_can_make_published_offers_only(ctx):
    now = datetime(2026, 3, 2, 15, 0)
    today = now.date()

    def run(seed: int) -> list[tuple]:
        offers = generate_offers(build_employers(), 60, random.Random(seed), today, now=now)
        return [
            (o.status, o.title, o.description, o.salary_min_cents, o.expires_on, o.published_at)
            for o in offers
        ]

    assert run(3) == run(3)
    assert run(3) != run(4)
    published = generate_offers(
        build_employers(),
        50,
        random.Random(1),
        today,
        now=now,
        statuses=PUBLISHED_ONLY,
        with_events=False,
    )
    assert len(published) == 50
    assert all(o.status == OfferStatus.PUBLISHED and o.is_visible(today) for o in published)
    assert all(o.events == [] for o in published)


def test_board_page_shows_demo_offers(client, ctx):
    load_demo_data()
    newest = db.session.scalars(
        visible_offers().order_by(Offer.published_at.desc(), Offer.id.desc())
    ).first()
    total = db.session.scalar(select(func.count()).select_from(visible_offers().subquery()))

    html = client.get("/offres").get_data(as_text=True)

    assert str(escape(newest.title)) in html
    assert str(escape(newest.employer.name)) in html
    assert f"{total} offres" in html
    page = client.get(f"/offres/{newest.id}")
    assert page.status_code == 200
    assert str(escape(newest.title)) in page.get_data(as_text=True)


def test_demo_counsellor_can_log_in(client, ctx):
    load_demo_data()

    refused = post_form(client, "/connexion", {"email": COUNSELLOR_EMAIL, "password": "wrong"})
    assert refused.status_code == 200
    response = post_form(
        client, "/connexion", {"email": COUNSELLOR_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/conseil/").status_code == 200


def test_cli_prints_counts_and_login(app):
    runner = app.test_cli_runner()

    first = runner.invoke(args=["demo", "load"])
    second = runner.invoke(args=["demo", "load"])

    assert first.exit_code == 0, first.output
    assert COUNSELLOR_EMAIL in first.output and DEMO_PASSWORD in first.output
    assert re.search(r"^offers: 2\d\d$", first.output, re.M)
    assert second.exit_code == 0 and second.output == first.output


# --- a year of activity for the employer file ----------------------------------------------


def test_demo_has_a_year_of_employer_file_activity(ctx):
    from orientheque_jobs.models import (
        CompanyVisit,
        EmployerInteraction,
        Participant,
        Placement,
        RetentionFollowUp,
    )

    load_demo_data()
    today = local_today()
    interactions = db.session.scalars(select(EmployerInteraction)).all()
    assert 400 <= len(interactions) <= 600  # ~500 employer contacts a year
    assert all(today - timedelta(days=366) <= i.occurred_on <= today for i in interactions)
    assert db.session.scalar(select(func.count()).select_from(Participant)) >= 60
    visits = db.session.scalars(select(CompanyVisit)).all()
    assert any(len(v.participants) >= 2 for v in visits)  # cohort visits
    follow_ups = db.session.scalars(select(RetentionFollowUp)).all()
    assert {f.mode.value for f in follow_ups} == {"bipartite", "tripartite"}
    assert any(f.subsidy for f in follow_ups) and any(f.closed_on for f in follow_ups)
    assert any(f.meetings for f in follow_ups)
    assert db.session.scalar(select(func.count()).select_from(Placement)) >= 20
    # Nothing sensitive in the demo set.
    assert not db.session.scalar(
        select(func.count())
        .select_from(Participant)
        .where(
            Participant.criminal_record.is_not(None) | Participant.health_limitations.is_not(None)
        )
    )


def test_demo_year_indicators_page_csv_and_xlsx_agree(app, client):
    import csv
    import io
    from decimal import Decimal

    from openpyxl import load_workbook

    from orientheque_jobs.services import indicators

    from .test_indicators import page_cells, shown

    with app.app_context():
        load_demo_data()
        start, end = indicators.funders_year(local_today())
        report = indicators.compute(start, end)
        on_report = {(s.title, r.label, c): f.value for s, r, c, f in report.cells()}
    assert any(v for v in on_report.values())  # real-looking content at once
    post_form(client, "/connexion", {"email": COUNSELLOR_EMAIL, "password": DEMO_PASSWORD})
    page = page_cells(client.get("/conseil/indicateurs/").get_data(as_text=True))
    with app.test_request_context():
        assert [text for text, _ in page.values()] == [shown(v) for v in on_report.values()]
    text = client.get("/conseil/indicateurs/export.csv").get_data(as_text=True)
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[3:]
    from_csv = {(s, lbl, c): (Decimal(v) if "." in v else int(v)) if v else None
                for s, lbl, c, v in lines}  # fmt: skip
    assert from_csv == on_report
    sheet = load_workbook(io.BytesIO(client.get("/conseil/indicateurs/export.xlsx").get_data()))
    rows = list(sheet.active.iter_rows(values_only=True))[3:]
    from_xlsx = {(s, lbl, c or ""): None if v is None else Decimal(str(v)) for s, lbl, c, v in rows}
    assert from_xlsx == {k: None if v is None else Decimal(v) for k, v in on_report.items()}
