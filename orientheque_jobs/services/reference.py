"""Reference data: CNP 2021 and Québec municipalities.

`build_reference_files` turns the raw public files (shared/data/raw) into the compact CSVs kept in
`orientheque_jobs/data/`; `load_reference_data` upserts those CSVs into the database.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, select, update

from ..extensions import db
from ..models import Municipality, NocExampleTitle, NocUnitGroup, fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NOC_GROUPS_FILE = "noc_unit_groups.csv"
NOC_TITLES_FILE = "noc_example_titles.csv"
MUNICIPALITIES_FILE = "municipalities.csv"

BROAD_CATEGORIES = {
    0: _l("Membres des corps législatifs et cadres supérieurs"),
    1: _l("Affaires, finance et administration"),
    2: _l("Sciences naturelles et appliquées"),
    3: _l("Santé"),
    4: _l("Enseignement, droit et services sociaux, communautaires et gouvernementaux"),
    5: _l("Arts, culture, sports et loisirs"),
    6: _l("Vente et services"),
    7: _l("Métiers, transport, machinerie et domaines apparentés"),
    8: _l("Ressources naturelles, agriculture et production connexe"),
    9: _l("Fabrication et services d'utilité publique"),
}
MUNICIPALITY_COLUMNS = (
    "code",
    "name",
    "designation",
    "mrc_code",
    "mrc_name",
    "region_code",
    "region_name",
    "population",
    "postal_code",
    "latitude",
    "longitude",
)
STOP_WORDS = frozenset(
    "aide adjoint adjointe agent agente autre autres avec dans pour sans des les une aux".split()
)
_PARENS = re.compile(r"^(.*?)\s*\((\d+)\)\s*$")


# --- building the repo's CSVs from the raw public files --------------------------------------


def _split_coded(value: str) -> tuple[str | None, str | None]:
    """'MRC Pierre-De Saurel (530)' -> ('530', 'MRC Pierre-De Saurel')."""
    match = _PARENS.match(value or "")
    return (match.group(2), match.group(1)) if match else (None, value or None)


def build_reference_files(raw_dir: Path, out_dir: Path = DATA_DIR) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    noc_dir = raw_dir / "noc2021-bilingual"
    with (
        open(noc_dir / "noc2021_unit_groups.csv", encoding="utf-8") as src,
        open(out_dir / NOC_GROUPS_FILE, "w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst)
        writer.writerow(("code", "title_fr", "title_en", "teer", "broad_category"))
        rows = [
            (r["code"], r["title_fr"], r["title_en"], r["teer"], r["broad_category_digit"])
            for r in csv.DictReader(src)
        ]
        writer.writerows(sorted(rows))
        counts[NOC_GROUPS_FILE] = len(rows)
    with (
        open(noc_dir / "noc2021_example_titles.csv", encoding="utf-8") as src,
        open(out_dir / NOC_TITLES_FILE, "w", encoding="utf-8", newline="") as dst,
    ):
        seen = set()
        writer = csv.writer(dst)
        writer.writerow(("code", "lang", "title"))
        for r in csv.DictReader(src):
            key = (r["code"], r["lang"], r["example_title"].strip())
            if key[2] and key not in seen:
                seen.add(key)
                writer.writerow(key)
        counts[NOC_TITLES_FILE] = len(seen)

    fsa, by_code = {}, {}
    with open(raw_dir / "geonames-ca-fsa" / "CA.txt", encoding="utf-8") as src:
        for row in csv.reader(src, delimiter="\t"):
            if row[4] != "QC":
                continue
            point = (row[9], row[10])
            fsa[row[1]] = point
            if row[8]:
                by_code.setdefault(row[8], point)
    with (
        open(raw_dir / "qc-municipalites-mamh" / "MUN_sans_noms.csv", encoding="utf-8-sig") as src,
        open(out_dir / MUNICIPALITIES_FILE, "w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst)
        writer.writerow(MUNICIPALITY_COLUMNS)
        n = 0
        for r in csv.DictReader(src):
            mrc_code, mrc_name = _split_coded(r["mrc"])
            region_code, region_name = _split_coded(r["regadm"])
            postal = (r["mcodpos"] or "").replace(" ", "").upper() or None
            lat, lon = (
                fsa.get(postal[:3])
                if postal and postal[:3] in fsa
                else by_code.get(r["mcode"], ("", ""))
            )
            writer.writerow(
                (
                    r["mcode"],
                    r["munnom"],
                    r["mdes"],
                    mrc_code or "",
                    mrc_name or "",
                    region_code,
                    region_name,
                    r["mpopul"] or "",
                    postal or "",
                    lat,
                    lon,
                )
            )
            n += 1
        counts[MUNICIPALITIES_FILE] = n
    return counts


# --- loading into the database ----------------------------------------------------------------


def _read(name: str) -> Iterable[dict]:
    with open(DATA_DIR / name, encoding="utf-8") as f:
        yield from csv.DictReader(f)


def _upsert(model, key: str, rows: list[dict]) -> None:
    existing = set(db.session.scalars(select(getattr(model, key))))
    new = [r for r in rows if r[key] not in existing]
    old = [r for r in rows if r[key] in existing]
    if new:
        db.session.execute(insert(model), new)
    if old:
        db.session.execute(update(model), old)


def load_reference_data() -> dict[str, int]:
    """Insert or update the reference tables from the repo's CSVs; safe to run again."""
    groups = [
        {**r, "teer": int(r["teer"]), "broad_category": int(r["broad_category"])}
        for r in _read(NOC_GROUPS_FILE)
    ]
    _upsert(NocUnitGroup, "code", groups)
    titles = [
        {**r, "folded": fold(r["title"])[:255], "title": r["title"][:255]}
        for r in _read(NOC_TITLES_FILE)
    ]
    db.session.execute(delete(NocExampleTitle))
    db.session.execute(insert(NocExampleTitle), titles)
    municipalities = []
    for r in _read(MUNICIPALITIES_FILE):
        row = {k: (v or None) for k, v in r.items()}
        row["population"] = int(row["population"]) if row["population"] else None
        for k in ("latitude", "longitude"):
            row[k] = float(row[k]) if row[k] else None
        municipalities.append(row)
    _upsert(Municipality, "code", municipalities)
    db.session.commit()
    current_app.extensions.pop("oj_municipalities", None)
    return {
        "noc_unit_group": len(groups),
        "noc_example_title": len(titles),
        "municipality": len(municipalities),
    }


# --- lookups ------------------------------------------------------------------------------------


def _municipality_cache() -> dict:
    cache = current_app.extensions.get("oj_municipalities")
    if cache is None:
        rows = db.session.execute(
            select(
                Municipality.code, Municipality.name, Municipality.mrc_code, Municipality.mrc_name
            ).order_by(Municipality.name)
        ).all()
        home = current_app.config["OJ_HOME_MRC"]
        ordered = sorted(rows, key=lambda r: (r.mrc_code != home, fold(r.name)))
        cache = {
            "choices": [("", _l("— Choisir —"))]
            + [(r.code, f"{r.name} ({r.mrc_name})" if r.mrc_name else r.name) for r in ordered],
            "codes": frozenset(r.code for r in rows),
            "mrcs": sorted(
                {(r.mrc_code, r.mrc_name) for r in rows if r.mrc_code},
                key=lambda m: (m[0] != home, fold(m[1])),
            ),
        }
        if rows:
            current_app.extensions["oj_municipalities"] = cache
    return cache


def municipality_choices() -> list[tuple[str, str]]:
    """Every municipality, those of the organisation's own MRC first."""
    return _municipality_cache()["choices"]


def municipality_codes() -> frozenset[str]:
    return _municipality_cache()["codes"]


def mrc_choices() -> list[tuple[str, str]]:
    return _municipality_cache()["mrcs"]


def resolve_noc(text: str) -> str | None:
    """A CNP code from '72106', '72106 — Soudeurs…' or an exact example title; None if unknown."""
    match = re.match(r"\s*(\d{5})\b", text)
    if match:
        return db.session.scalar(
            select(NocUnitGroup.code).where(NocUnitGroup.code == match.group(1))
        )
    return db.session.scalar(
        select(NocExampleTitle.code).where(NocExampleTitle.folded == fold(text).strip()).limit(1)
    )


def guess_noc(title: str) -> str | None:
    """The most likely CNP code for a free job title: exact example title, else shared words."""
    exact = resolve_noc(title)
    if exact:
        return exact
    words = [w for w in re.findall(r"[a-z]+", fold(title)) if len(w) >= 4 and w not in STOP_WORDS]
    if not words:
        return None
    scores: Counter[str] = Counter()
    for word in words[:6]:
        stem = word[:-1] if word.endswith(("s", "e")) and len(word) > 5 else word
        codes = db.session.execute(
            select(NocExampleTitle.code, func.count())
            .where(NocExampleTitle.folded.like(f"%{stem}%"))
            .group_by(NocExampleTitle.code)
        ).all()
        for code, hits in codes:
            scores[code] += 1000 + hits
    return scores.most_common(1)[0][0] if scores else None


def noc_suggestions(query: str, lang: str = "fr", limit: int = 10) -> list[dict]:
    """Example titles starting with, then containing, the query; for the autocomplete."""
    folded = fold(query).strip()
    if len(folded) < 2:
        return []
    folded = folded.replace("\\", "").replace("%", "").replace("_", " ")
    results, seen = [], set()
    for pattern in (f"{folded}%", f"%{folded}%"):
        rows = db.session.execute(
            select(NocExampleTitle.title, NocExampleTitle.code, NocUnitGroup)
            .join(NocUnitGroup)
            .where(NocExampleTitle.lang == lang, NocExampleTitle.folded.like(pattern))
            .order_by(func.length(NocExampleTitle.title), NocExampleTitle.title)
            .limit(limit * 2)
        ).all()
        for title, code, group in rows:
            if (title, code) not in seen and len(results) < limit:
                seen.add((title, code))
                results.append({"code": code, "title": title, "group": group.title(lang)})
    return results
