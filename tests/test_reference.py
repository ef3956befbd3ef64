"""Reference data (CNP 2021, municipalities) and the CNP lookups behind the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Municipality, NocExampleTitle, NocUnitGroup
from orientheque_jobs.services.reference import (
    DATA_DIR,
    build_reference_files,
    guess_noc,
    load_reference_data,
    resolve_noc,
)

RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"


def test_reference_tables_are_complete_and_reloading_changes_nothing(app, ctx):
    before = {
        m: db.session.scalar(select(func.count()).select_from(m))
        for m in (NocUnitGroup, NocExampleTitle, Municipality)
    }
    assert before[NocUnitGroup] == 516
    assert before[Municipality] == 1281
    assert before[NocExampleTitle] > 50_000
    load_reference_data()
    after = {m: db.session.scalar(select(func.count()).select_from(m)) for m in before}
    assert after == before


def test_municipalities_carry_mrc_region_and_coordinates(app, ctx):
    sorel = db.session.get(Municipality, "53052")
    assert sorel.name == "Sorel-Tracy"
    assert (sorel.mrc_code, sorel.mrc_name) == ("530", "MRC Pierre-De Saurel")
    assert (sorel.region_code, sorel.region_name) == ("16", "Montérégie")
    assert 45.9 < sorel.latitude < 46.2 and -73.3 < sorel.longitude < -72.9
    located = db.session.scalar(select(func.count()).where(Municipality.latitude.is_not(None)))
    assert located >= 1100


@pytest.mark.skipif(not RAW.exists(), reason=f"raw reference data not found at {RAW}")
def test_repo_data_files_match_a_fresh_build_from_the_raw_files(tmp_path):
    build_reference_files(RAW, tmp_path)
    for name in ("noc_unit_groups.csv", "noc_example_titles.csv", "municipalities.csv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("72106", "72106"),
        ("72106 — Soudeurs/soudeuses", "72106"),
        ("Soudeur/soudeuse", "72106"),
        ("soudeur/SOUDEUSE", "72106"),
        ("99999", None),
        ("un titre qui n'existe pas", None),
    ],
)
def test_resolve_noc(app, ctx, text, code):
    assert resolve_noc(text) == code


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Soudeur", "72106"),
        ("Préposée aux bénéficiaires", "33102"),
        ("Électricien industriel", "72201"),
        ("Caissier", "65100"),
    ],
)
def test_title_alone_is_enough_to_guess_the_cnp(app, ctx, title, code):
    assert guess_noc(title) == code


def test_guess_gives_up_on_empty_words(app, ctx):
    assert guess_noc("!!! ...") is None


def test_cnp_autocomplete(client):
    results = client.get("/api/cnp?q=soudeu").get_json()
    assert results and all(r["code"] for r in results)
    assert results[0]["title"].lower().startswith("soudeu")
    assert any(r["code"] == "72106" for r in results)
    english = client.get("/api/cnp?q=welder&lang=en").get_json()
    assert any(r["code"] == "72106" for r in english)
    assert client.get("/api/cnp?q=a").get_json() == []
