"""The `talents_region` plugin: opt-ins, the daily XML/JSON/CSV export, its changes, downloads."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from orientheque_jobs import create_app
from orientheque_jobs.extensions import db
from orientheque_jobs.models import Distribution, DistributionResult, Offer, OfferStatus, Role
from orientheque_jobs.plugins import channels, manager
from orientheque_jobs.services import links
from orientheque_jobs.services import offers as offer_service
from plugins.talents_region import export
from plugins.talents_region.models import ExportedItem, ExportRun, OptIn

from ..conftest import post_form
from ..factories import local_today, login, make_employer, make_offer, make_user, offer_form_data

TOKEN = "s3cret-token-for-the-region-0123456789"
DAY = local_today()
NEXT_DAY = DAY + timedelta(days=1)
TICK = {"channels": "talents_region", "channel_talents_region": "y"}
UNTICK = {"channels": "talents_region"}


@pytest.fixture(autouse=True)
def _export_dir(app, tmp_path, monkeypatch):
    """Each test exports to a folder of its own, with no token unless it sets one."""
    monkeypatch.setitem(app.config, "OJ_TALENTS_REGION_DIR", str(tmp_path / "exports"))
    monkeypatch.delitem(app.config, "OJ_TALENTS_REGION_TOKEN", raising=False)
    yield


def opted_in(offer: Offer, by_employer: bool = True) -> Offer:
    db.session.add(OptIn(offer_id=offer.id, by_employer=by_employer))
    db.session.commit()
    return offer


def folder(app) -> Path:
    return Path(app.config["OJ_TALENTS_REGION_DIR"])


def read(app, name: str) -> bytes:
    return (folder(app) / name).read_bytes()


def changes(app, day) -> dict:
    return json.loads(read(app, f"changes-{day.isoformat()}.json"))


def refs(listed) -> list[str]:
    return [row["referencenumber"] for row in listed]


def rows_of(channel: str = "talents_region") -> list[tuple[int, DistributionResult, str]]:
    return [
        (row.offer_id, row.result, row.target)
        for row in db.session.scalars(
            select(Distribution).where(Distribution.channel == channel).order_by(Distribution.id)
        )
    ]


def moderation_data(**overrides) -> dict:
    data = offer_form_data(**overrides)
    return {k: v for k, v in data.items() if not k.startswith(("employer_", "contact_"))}


# --- the channel ---------------------------------------------------------------------------------


def test_the_channel_takes_only_opted_in_offers(app, ctx):
    channel = next(c for c in channels(app) if c.name == "talents_region")
    assert str(channel.label) == "Talents Région"
    chosen, other = make_offer(), make_offer()
    opted_in(chosen)
    assert channel.takes(chosen) and not channel.takes(other)
    assert not channel.takes(Offer())  # not saved yet


# --- the XML and its schema ----------------------------------------------------------------------


def test_the_export_validates_against_the_schema_even_with_awkward_text(app, ctx):
    employer = make_employer(name="Ateliers <Sorel> & fils ]]> inc.")
    opted_in(
        make_offer(
            employer=employer,
            title="Soudeur\x0b « MIG » & <TIG>",
            description="Souder ]]> des pièces\x08 d'acier. 😀\n\nÉquipe de jour.",
            address="12, rue du Roi, Sorel-Tracy J3P 4N5",
            apply_email="emplois@ateliers.example",
        )
    )
    opted_in(make_offer(remote=True, municipality_code=None, salary_unit=None, noc_code=None))
    built = export.build(DAY)
    assert built.refused == {}
    document = built.files[f"talents-region-{DAY.isoformat()}.xml"]
    assert export.validation_errors(document) == []
    text = document.decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<source>")
    assert "<description><![CDATA[<p>Souder ]]&gt; des pièces d&#39;acier." in text
    assert "<state>QC</state>" in text and "<country>CA</country>" in text
    assert "<postalcode>J3P 4N5</postalcode>" in text
    assert "<jobtype>fulltime, permanent</jobtype>" in text
    assert "<email>emplois@ateliers.example</email>" in text
    assert "\x0b" not in text and "\x08" not in text


@pytest.mark.parametrize(
    "breakage",
    [
        ("<state>QC</state>", "<state>ON</state>"),
        ("<referencenumber>OJ-", "<referencenumber>X-"),
        ("<expirationdate>", "<expirationdate>bientôt"),
        ("<company>", "<company> "),
        ("</title>", "</title><title>En double</title>"),
        ("<source>", "<sources>"),
    ],
)
def test_a_broken_document_fails_the_schema(app, ctx, breakage):
    opted_in(make_offer(title="Soudeur"))
    document = export.build(DAY).files[f"talents-region-{DAY.isoformat()}.xml"].decode()
    old, new = breakage
    assert old in document
    assert export.validation_errors(document.replace(old, new, 1).encode()) != []


def test_not_xml_at_all_fails_the_schema_without_error(app, ctx):
    assert export.validation_errors(b"<source><job>") != []
    assert export.validation_errors(b"\x00\xff garbage") != []
    doctype = b'<!DOCTYPE source [<!ENTITY x SYSTEM "file:///etc/passwd">]><source>&x;</source>'
    assert export.validation_errors(doctype) != []


# --- the daily export ----------------------------------------------------------------------------


def test_only_visible_opted_in_offers_are_exported_with_stable_references(app, ctx):
    first = opted_in(make_offer(title="Soudeur"))
    second = opted_in(make_offer(title="Machiniste"))
    make_offer(title="Pas choisie")
    opted_in(make_offer(OfferStatus.SUBMITTED, title="En attente"))
    opted_in(make_offer(title="Expirée", expires_on=DAY - timedelta(days=1)))
    lines = export.run(DAY)
    assert lines == [
        f"talents_region: 2 offers (added 2, changed 0, removed 0) written to {folder(app)}"
    ]
    wanted = [f"OJ-{first.id}", f"OJ-{second.id}"]
    xml = read(app, f"talents-region-{DAY.isoformat()}.xml").decode()
    assert [line.strip()[17:-18] for line in xml.splitlines() if "referencenumber" in line] == (
        wanted
    )
    assert "Pas choisie" not in xml and "En attente" not in xml and "Expirée" not in xml
    export.run(NEXT_DAY)
    again = read(app, f"talents-region-{NEXT_DAY.isoformat()}.xml").decode()
    assert all(f"<referencenumber>{ref}</referencenumber>" in again for ref in wanted)
    items = db.session.scalars(select(ExportedItem).order_by(ExportedItem.offer_id)).all()
    assert [(i.reference, i.first_exported_on, i.last_exported_on) for i in items] == [
        (ref, DAY, NEXT_DAY) for ref in wanted
    ]
    # JSON: the core's schema.org JobPosting, under the same reference.
    postings = json.loads(read(app, "talents-region-latest.json"))
    assert [p["@type"] for p in postings] == ["JobPosting", "JobPosting"]
    assert [p["identifier"]["value"] for p in postings] == wanted
    assert postings[0]["title"] == "Soudeur"
    assert postings[0]["url"] == f"http://localhost/offres/{first.id}"


def test_added_changed_and_removed_across_two_days(app, ctx):
    counsellor = make_user(Role.COUNSELLOR)
    kept = opted_in(make_offer(title="Machiniste"))
    edited = opted_in(make_offer(title="Soudeur"))
    filled = opted_in(make_offer(title="Cariste"))
    export.run(DAY)
    first = changes(app, DAY)
    assert first["previous_day"] is None and first["offers"] == 3
    assert refs(first["added"]) == [f"OJ-{o.id}" for o in (kept, edited, filled)]
    assert first["changed"] == first["removed"] == []

    offer_service.update_offer(edited, {"title": "Soudeuse ou soudeur"}, counsellor)
    offer_service.close(filled, OfferStatus.FILLED, counsellor)
    late = opted_in(make_offer(title="Journalier"))
    export.run(NEXT_DAY)
    second = changes(app, NEXT_DAY)
    assert second["previous_day"] == DAY.isoformat() and second["offers"] == 3
    assert refs(second["added"]) == [f"OJ-{late.id}"]
    assert second["changed"] == [
        {"referencenumber": f"OJ-{edited.id}", "title": "Soudeuse ou soudeur"}
    ]
    assert second["removed"] == [{"referencenumber": f"OJ-{filled.id}", "title": "Cariste"}]
    assert read(app, "changes-latest.json") == read(app, f"changes-{NEXT_DAY.isoformat()}.json")
    assert b"Cariste" not in read(app, "talents-region-latest.xml")

    gone = db.session.get(ExportedItem, filled.id)
    assert gone.removed_on == NEXT_DAY and gone.last_exported_on == DAY
    run = db.session.scalar(select(ExportRun).where(ExportRun.day == NEXT_DAY))
    assert (run.offers, run.added, run.changed, run.removed) == (3, 1, 1, 1)
    day1, day2 = f"talents-region-{DAY.isoformat()}", f"talents-region-{NEXT_DAY.isoformat()}"
    assert rows_of() == [
        (kept.id, DistributionResult.SENT, day1),
        (edited.id, DistributionResult.SENT, day1),
        (filled.id, DistributionResult.SENT, day1),
        (late.id, DistributionResult.SENT, day2),
        (edited.id, DistributionResult.SENT, day2),
        (filled.id, DistributionResult.REMOVED, day2),
    ]


def test_opting_out_removes_and_opting_in_again_keeps_the_reference(app, ctx):
    offer = opted_in(make_offer())
    export.run(DAY)
    db.session.delete(db.session.get(OptIn, offer.id))
    db.session.commit()
    export.run(NEXT_DAY)
    assert refs(changes(app, NEXT_DAY)["removed"]) == [f"OJ-{offer.id}"]
    opted_in(offer)
    third = NEXT_DAY + timedelta(days=1)
    export.run(third)
    assert refs(changes(app, third)["added"]) == [f"OJ-{offer.id}"]
    item = db.session.get(ExportedItem, offer.id)
    assert (item.reference, item.first_exported_on, item.removed_on) == (
        f"OJ-{offer.id}",
        DAY,
        None,
    )


def test_the_same_day_twice_gives_the_same_files_and_no_duplicate_rows(app, ctx):
    opted_in(make_offer(title="Soudeur"))
    opted_in(make_offer(title="Machiniste"))
    export.run(DAY)
    before = {name: read(app, name) for name in export.file_names(DAY)}
    counts = (
        db.session.scalar(select(func.count(Distribution.id))),
        db.session.scalar(select(func.count(ExportRun.id))),
    )
    export.run(DAY)
    assert {name: read(app, name) for name in export.file_names(DAY)} == before
    assert (
        counts
        == (
            db.session.scalar(select(func.count(Distribution.id))),
            db.session.scalar(select(func.count(ExportRun.id))),
        )
        == (2, 1)
    )
    # A day before the last export is refused, not mixed in.
    assert "skipped" in export.run(DAY - timedelta(days=1))[0]


def test_dry_run_writes_nothing(app, ctx):
    opted_in(make_offer())
    [line] = export.run(DAY, dry_run=True)
    assert "would write 1 offers (added 1" in line and "(dry run)" in line
    assert not folder(app).exists()
    assert db.session.scalar(select(func.count(ExportRun.id))) == 0
    assert db.session.scalar(select(func.count(ExportedItem.offer_id))) == 0
    assert rows_of() == []


def test_the_daily_run_command_exports(app):
    with app.app_context():
        opted_in(make_offer())
    runner = app.test_cli_runner()
    result = runner.invoke(args=["channels", "run", "--date", DAY.isoformat(), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "talents_region: would write 1 offers" in result.output
    result = runner.invoke(args=["channels", "run", "--date", DAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "talents_region: 1 offers (added 1, changed 0, removed 0)" in result.output
    assert (folder(app) / "talents-region-latest.csv").is_file()


def test_csv_has_a_bom_and_no_formulas(app, ctx):
    employer = make_employer(name='=HYPERLINK("http://evil.example")')
    offer = opted_in(make_offer(employer=employer, title="+Soudeur", tasks="-Souder\n@Plier"))
    export.run(DAY)
    raw = read(app, f"talents-region-{DAY.isoformat()}.csv")
    assert raw.startswith("\ufeff".encode())
    [header, row] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    line = dict(zip(header, row, strict=True))
    assert header[0] == "referencenumber" and line["referencenumber"] == f"OJ-{offer.id}"
    assert line["company"] == '\'=HYPERLINK("http://evil.example")'
    assert line["title"] == "'+Soudeur"
    assert line["state"] == "QC" and line["salary"] == "24,50 $ à 31,00 $ l'heure"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_an_offer_the_schema_refuses_is_left_out_not_the_whole_export(app, ctx, monkeypatch):
    good = opted_in(make_offer(title="Soudeur"))
    bad = opted_in(make_offer(title="Machiniste"))
    original = export.job_fields

    def broken(offer):
        fields = original(offer)
        if offer.id == bad.id:
            fields["expirationdate"] = "demain"
        return fields

    monkeypatch.setattr(export, "job_fields", broken)
    lines = export.run(DAY)
    assert "1 offers (added 1" in lines[0]
    assert lines[1].startswith(f"talents_region: OJ-{bad.id} left out, invalid:")
    assert refs(changes(app, DAY)["added"]) == [f"OJ-{good.id}"]


# --- opting in -----------------------------------------------------------------------------------


def test_the_employer_opts_in_on_the_public_form(app, client):
    page = client.get("/publier").get_data(as_text=True)
    assert 'name="channel_talents_region"' in page and "Diffuser aussi sur Talents Région" in page
    assert post_form(client, "/publier", offer_form_data(**TICK)).status_code == 302
    assert post_form(
        client, "/publier", offer_form_data(title="Vendeur", **UNTICK)
    ).status_code == (302)
    with app.app_context():
        chosen = db.session.scalar(select(Offer).where(Offer.title.startswith("Boulanger")))
        [opt_in] = db.session.scalars(select(OptIn)).all()
        assert opt_in.offer_id == chosen.id and opt_in.by_employer and opt_in.user_id is None
        assert chosen.status == OfferStatus.SUBMITTED  # exported only once published


def test_a_form_with_errors_keeps_the_tick_and_saves_nothing(app, client):
    response = post_form(client, "/publier", offer_form_data(title="", **TICK))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="channel_talents_region" value="y" checked' in html
    with app.app_context():
        assert db.session.scalar(select(func.count(OptIn.offer_id))) == 0


def test_the_employer_unticks_through_the_management_link(app, client):
    with app.app_context():
        offer = opted_in(make_offer())
        link = "/gestion/" + links.manage_token(offer)
        offer_id = offer.id
    page = client.get(f"{link}/modifier").get_data(as_text=True)
    assert 'name="channel_talents_region" value="y" checked' in page
    response = post_form(client, f"{link}/modifier", moderation_data(**UNTICK))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(OptIn, offer_id) is None
    response = post_form(client, f"{link}/modifier", moderation_data(**TICK))
    with app.app_context():
        assert db.session.get(OptIn, offer_id).by_employer is True


def test_the_counsellor_ticks_and_unticks_on_the_moderation_page(app, client):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        offer_id = make_offer(OfferStatus.SUBMITTED).id
    login(client, counsellor)
    page = f"/conseil/offres/{offer_id}"
    html = client.get(page).get_data(as_text=True)
    assert 'name="channel_talents_region" value="y" aria' in html  # not ticked
    assert "pas diffusée sur Talents Région" in html
    response = post_form(client, page, moderation_data(approve="1", **TICK))
    assert response.status_code == 302
    with app.app_context():
        opt_in = db.session.get(OptIn, offer_id)
        assert not opt_in.by_employer and opt_in.user_id == counsellor.id
        assert db.session.get(Offer, offer_id).status == OfferStatus.PUBLISHED
    html = client.get(page).get_data(as_text=True)
    assert "Diffusion demandée par Test counsellor" in html
    with app.app_context():
        export.run(DAY)
    assert f"OJ-{offer_id}" in client.get(page).get_data(as_text=True)
    response = post_form(client, page, moderation_data(save="1", **UNTICK))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(OptIn, offer_id) is None


def test_the_counsellor_opts_in_an_offer_written_for_an_employer(app, client):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
    login(client, counsellor)
    assert "channel_talents_region" in client.get("/conseil/offres/nouvelle").get_data(as_text=True)
    data = offer_form_data(publish_now="y", **TICK)
    assert post_form(client, "/conseil/offres/nouvelle", data).status_code == 302
    with app.app_context():
        [opt_in] = db.session.scalars(select(OptIn)).all()
        assert (opt_in.by_employer, opt_in.user_id) == (False, counsellor.id)
        assert [line.split(" written")[0] for line in export.run(DAY)] == [
            "talents_region: 1 offers (added 1, changed 0, removed 0)"
        ]


def test_ticking_again_keeps_the_first_opt_in(app, client):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        offer = opted_in(make_offer(), by_employer=True)
        offer_id, opted_at = offer.id, db.session.get(OptIn, offer.id).opted_at
    login(client, counsellor)
    page = f"/conseil/offres/{offer_id}"
    assert post_form(client, page, moderation_data(save="1", **TICK)).status_code == 302
    with app.app_context():
        opt_in = db.session.get(OptIn, offer_id)
        assert opt_in.by_employer and opt_in.opted_at == opted_at


def test_garbage_choices_are_ignored_not_errors(app, client):
    data = offer_form_data(
        channels=["talents_region", "nope", "x" * 500, "rss"],
        channel_talents_region="\u202e\x00",
        channel_nope="y",
    )
    assert post_form(client, "/publier", data).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(OptIn.offer_id))) == 1


# --- downloads -----------------------------------------------------------------------------------


def test_downloads_need_the_token(app, client, monkeypatch):
    with app.app_context():
        opted_in(make_offer())
        export.run(DAY)
    url = f"/exports/talents-region/{TOKEN}/talents-region-latest.xml"
    assert client.get(url).status_code == 404  # no token configured: the URL does not exist
    monkeypatch.setitem(app.config, "OJ_TALENTS_REGION_TOKEN", "short")
    assert client.get("/exports/talents-region/short/talents-region-latest.xml").status_code == 404
    monkeypatch.setitem(app.config, "OJ_TALENTS_REGION_TOKEN", TOKEN)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == "application/xml; charset=utf-8"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.data == read(app, "talents-region-latest.xml")
    for name, kind in (
        (f"talents-region-{DAY.isoformat()}.csv", "text/csv; charset=utf-8"),
        (f"changes-{DAY.isoformat()}.json", "application/json"),
        ("talents-region-latest.json", "application/json"),
    ):
        response = client.get(f"/exports/talents-region/{TOKEN}/{name}")
        assert (response.status_code, response.content_type) == (200, kind)
    for wrong in (TOKEN[:-1], TOKEN + "x", TOKEN.upper(), "é" * 40, "x" * 5000):
        assert client.get(
            f"/exports/talents-region/{wrong}/talents-region-latest.xml"
        ).status_code == (404)


@pytest.mark.parametrize(
    "name",
    [
        "talents-region-2020-01-01.xml",  # a valid name with no file
        "changes-latest.csv",
        "talents-region-latest.txt",
        "..%2f..%2fsetup.cfg",
        "%2e%2e",
        ".tmp-x-talents-region-latest.xml",
        "talents-region-latest.xml%00",
        "x" * 3000,
    ],
)
def test_only_the_export_files_are_served(app, client, monkeypatch, name):
    with app.app_context():
        export.run(DAY)
    monkeypatch.setitem(app.config, "OJ_TALENTS_REGION_TOKEN", TOKEN)
    assert client.get(f"/exports/talents-region/{TOKEN}/{name}").status_code == 404
    assert client.get(f"/exports/talents-region/{TOKEN}/../{name}").status_code == 404


# --- disabled ------------------------------------------------------------------------------------


def test_disabling_the_plugin_removes_it(app, tmp_path_factory, smtp):
    from ..conftest import make_config

    config = make_config(tmp_path_factory, smtp, OJ_DISABLED_PLUGINS="talents_region")
    config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"]
    config["OJ_TALENTS_REGION_TOKEN"] = TOKEN
    other = create_app(config)
    try:
        endpoints = {rule.endpoint for rule in other.url_map.iter_rules()}
        assert not any(e.startswith("talents_region.") for e in endpoints)
        assert "talents_region" not in {channel.name for channel in channels(other)}
        assert manager(other).get_plugin("talents_region") is None
        client = other.test_client()
        url = f"/exports/talents-region/{TOKEN}/talents-region-latest.xml"
        assert client.get(url).status_code == 404
        assert "channel_talents_region" not in client.get("/publier").get_data(as_text=True)
        # A forged tick on the disabled app's form stores nothing.
        assert post_form(client, "/publier", offer_form_data(**TICK)).status_code == 302
        with app.app_context():
            assert db.session.scalar(select(func.count(Offer.id))) == 1
            assert db.session.scalar(select(func.count(OptIn.offer_id))) == 0
        result = other.test_cli_runner().invoke(args=["channels", "run", "--dry-run"])
        assert result.exit_code == 0 and "talents_region" not in result.output
    finally:
        with other.app_context():
            db.engine.dispose()
