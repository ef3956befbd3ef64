"""The daily Talents Région export: XML (job-aggregator format), JSON-LD list, CSV, changes.

Every visible offer that was opted in goes out under a stable reference number (`OJ-<id>`).
Each export is compared with the previous day's: offers new to it are *added*, those whose
content (fingerprint) differs are *changed*, those that left it (filled, expired, withdrawn,
opted out, sent back to moderation) are *removed*. Files, in `OJ_TALENTS_REGION_DIR`:

    talents-region-YYYY-MM-DD.xml / .json / .csv   the day's export
    changes-YYYY-MM-DD.json                        added, changed, removed since the last one
    talents-region-latest.* and changes-latest.json  copies of the newest

Running the same day again rebuilds that day's export from the current data against the same
previous export: with nothing changed, the same bytes and no new `Distribution` rows (each row
has a key of the day, the reference and the content). A day earlier than the last export is
refused. With `dry_run` nothing is written, in files or in the database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from lxml import etree
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from orientheque_jobs.extensions import db
from orientheque_jobs.labels import SALARY_UNIT_LABELS
from orientheque_jobs.models import DistributionResult, Employer, EmploymentType, Offer
from orientheque_jobs.services.distribution import record
from orientheque_jobs.services.indicators import safe_text
from orientheque_jobs.services.jsonld import description_html, job_posting
from orientheque_jobs.services.offers import visible_offers
from orientheque_jobs.web.i18n import money

from .models import ExportedItem, ExportRun, OptIn

CHANNEL = "talents_region"
XSD = Path(__file__).parent / "job_aggregator.xsd"
PREFIX = "talents-region"
FORMATS = ("xml", "json", "csv")
# Only these names are ever written or served.
FILE_RE = re.compile(
    rf"(?:{PREFIX}-(?:\d{{4}}-\d{{2}}-\d{{2}}|latest)\.(?:xml|json|csv)"
    r"|changes-(?:\d{4}-\d{2}-\d{2}|latest)\.json)"
)
MEDIA_TYPES = {
    "xml": "application/xml",
    "json": "application/json",
    "csv": "text/csv",
}
JOB_TYPES = {
    EmploymentType.FULL_TIME: "fulltime",
    EmploymentType.PART_TIME: "parttime",
    EmploymentType.PERMANENT: "permanent",
    EmploymentType.TEMPORARY: "temporary",
    EmploymentType.SEASONAL: "seasonal",
}
CDATA_FIELDS = {"title", "company", "city", "description", "salary", "category"}
CSV_FIELDS = (
    "referencenumber",
    "title",
    "date",
    "url",
    "company",
    "city",
    "state",
    "country",
    "postalcode",
    "salary",
    "jobtype",
    "category",
    "expirationdate",
    "email",
    "description",
)
# XML 1.0 cannot hold these characters at all (not even escaped).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
POSTAL_RE = re.compile(r"\b([A-Z]\d[A-Z])\s?(\d[A-Z]\d)\b")


class ExportError(Exception):
    """The export could not be built (its XML does not validate against the schema)."""


def reference_of(offer_id: int) -> str:
    return f"OJ-{offer_id}"


def offer_id_of(reference: str) -> int:
    return int(reference.removeprefix("OJ-"))


def export_dir() -> Path:
    return Path(current_app.config["OJ_TALENTS_REGION_DIR"])


def file_names(day: date | str) -> list[str]:
    stamp = day if isinstance(day, str) else day.isoformat()
    return [f"{PREFIX}-{stamp}.{ext}" for ext in FORMATS] + [f"changes-{stamp}.json"]


# --- one offer -----------------------------------------------------------------------------------


def _clean(text: str | None) -> str | None:
    """One line of XML-safe text, or None when nothing is left."""
    if text is None:
        return None
    text = " ".join(NOT_XML.sub("", str(text)).split())
    return text or None


def _local_day(moment) -> date:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=UTC).astimezone(zone).date()


def _postal_code(offer: Offer) -> str | None:
    for text in (offer.address, offer.municipality.postal_code if offer.municipality else None):
        match = POSTAL_RE.search((text or "").upper())
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return None


def _salary(offer: Offer) -> str | None:
    low, high = offer.salary_min, offer.salary_max
    if low is None and high is None:
        return None
    if low is not None and high is not None and low != high:
        amount = _("%(low)s à %(high)s", low=money(low), high=money(high))
    else:
        amount = money(low if low is not None else high)
    if offer.salary_unit:
        amount = f"{amount} {SALARY_UNIT_LABELS[offer.salary_unit]}"
    return amount


def _city(offer: Offer, employer: Employer) -> str:
    place = offer.municipality or employer.municipality
    if place is not None:
        return place.name
    return _("Télétravail")


def _plain_description(offer: Offer) -> str:
    parts = [offer.description, offer.tasks, offer.requirements]
    return "\n\n".join(NOT_XML.sub("", p).strip() for p in parts if p and p.strip())


def job_fields(offer: Offer) -> dict[str, str | None]:
    """The job-aggregator fields of an offer, in the schema's order (None: left out)."""
    employer = offer.employer
    types = [JOB_TYPES[f] for f in offer.employment_type_flags if f in JOB_TYPES]
    category = None
    if offer.noc is not None:
        category = f"{offer.noc.title_fr} (CNP {offer.noc_code})"
    email = _clean(offer.apply_email)
    return {
        "title": _clean(offer.title),
        "date": _local_day(offer.published_at or offer.created_at).isoformat(),
        "referencenumber": reference_of(offer.id),
        "url": url_for("public.offer", offer_id=offer.id, _external=True),
        "company": _clean(employer.name),
        "city": _clean(_city(offer, employer)),
        "state": "QC",
        "country": "CA",
        "postalcode": _postal_code(offer),
        "description": NOT_XML.sub("", description_html(offer)) or None,
        "salary": _clean(_salary(offer)),
        "jobtype": ", ".join(types) or None,
        "category": _clean(category),
        "expirationdate": offer.expires_on.isoformat(),
        "email": email if email and "@" in email else None,
    }


def posting_of(offer: Offer) -> dict:
    """schema.org JobPosting (the core's, as on the offer page) under the stable reference."""
    posting = job_posting(offer)
    posting["identifier"] = {**posting["identifier"], "value": reference_of(offer.id)}
    return posting


@dataclass
class Item:
    offer: Offer
    reference: str
    fields: dict
    posting: dict
    fingerprint: str = ""

    def __post_init__(self) -> None:
        content = json.dumps(
            {"fields": self.fields, "posting": self.posting, "csv": _plain_description(self.offer)},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        self.fingerprint = hashlib.sha256(content.encode("utf-8")).hexdigest()


def exported_offers(day: date) -> list[Offer]:
    """Visible offers that were opted in, oldest first (the one visibility rule of the core)."""
    query = (
        visible_offers(day)
        .join(OptIn, OptIn.offer_id == Offer.id)
        .options(
            joinedload(Offer.employer).joinedload(Employer.municipality),
            joinedload(Offer.municipality),
            joinedload(Offer.noc),
        )
        .order_by(Offer.id)
    )
    return list(db.session.scalars(query).unique())


def build_items(day: date) -> tuple[list[Item], dict[str, list[str]]]:
    """The day's items, and those left out because their XML breaks the schema (with why)."""
    items, refused = [], {}
    for offer in exported_offers(day):
        item = Item(offer, reference_of(offer.id), job_fields(offer), posting_of(offer))
        errors = validation_errors(to_xml([item], day))
        if errors:
            refused[item.reference] = errors
        else:
            items.append(item)
    return items, refused


# --- the three formats ---------------------------------------------------------------------------


def to_xml(items: list[Item], day: date) -> bytes:
    root = etree.Element("source")
    etree.SubElement(root, "publisher").text = current_app.config["OJ_ORG_NAME"]
    etree.SubElement(root, "publisherurl").text = current_app.config["OJ_BASE_URL"]
    etree.SubElement(root, "lastBuildDate").text = day.isoformat()
    for item in items:
        job = etree.SubElement(root, "job")
        for name, value in item.fields.items():
            if value is None:
                continue
            element = etree.SubElement(job, name)
            # CDATA cannot hold its own end marker: such a text goes escaped instead.
            wrap = name in CDATA_FIELDS and "]]>" not in value
            element.text = etree.CDATA(value) if wrap else value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(XSD), parser))


def validation_errors(document: bytes) -> list[str]:
    """What the XSD finds wrong in a document; empty when it is valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        tree = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as error:
        return [str(error)]
    if tree.getroottree().docinfo.doctype:
        return ["a DOCTYPE is not allowed"]  # the format has none; entities stay unexpanded
    schema = _schema()
    try:
        if schema.validate(tree):
            return []
    except etree.XMLSchemaValidateError as error:
        return [str(error)]
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def to_json(items: list[Item]) -> bytes:
    text = json.dumps([item.posting for item in items], ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def to_csv(items: list[Item]) -> bytes:
    """UTF-8 with a BOM (spreadsheets), one line per offer; no cell starts a formula."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for item in items:
        values = {**item.fields, "description": _plain_description(item.offer)}
        writer.writerow([safe_text(values[name] or "") for name in CSV_FIELDS])
    return buffer.getvalue().encode("utf-8")


# --- the day's export ----------------------------------------------------------------------------


@dataclass
class Export:
    day: date
    items: list[Item]
    previous_day: date | None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def snapshot(self) -> dict[str, str]:
        return {item.reference: item.fingerprint for item in self.items}


def _by_number(references) -> list[str]:
    return sorted(references, key=offer_id_of)


def _changes_document(export: Export) -> bytes:
    titles = {item.reference: item.offer.title for item in export.items}
    gone = export.removed
    if gone:
        rows = db.session.execute(
            select(Offer.id, Offer.title).where(Offer.id.in_([offer_id_of(r) for r in gone]))
        )
        titles.update({reference_of(i): title for i, title in rows})

    def listed(references):
        return [{"referencenumber": r, "title": titles.get(r)} for r in references]

    document = {
        "day": export.day.isoformat(),
        "previous_day": export.previous_day.isoformat() if export.previous_day else None,
        "offers": len(export.items),
        "added": listed(export.added),
        "changed": listed(export.changed),
        "removed": listed(export.removed),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build(day: date) -> Export:
    """The day's export and its changes, in memory; raises ExportError if the XML is invalid."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        items, refused = build_items(day)
        previous = db.session.scalar(
            select(ExportRun).where(ExportRun.day < day).order_by(ExportRun.day.desc()).limit(1)
        )
        before = json.loads(previous.snapshot) if previous else {}
        same_day = db.session.scalar(select(ExportRun).where(ExportRun.day == day))
        earlier_today = json.loads(same_day.snapshot) if same_day else {}
        export = Export(day, items, previous.day if previous else None, refused=refused)
        now = export.snapshot
        export.added = _by_number(r for r in now if r not in before)
        export.changed = _by_number(r for r in now if r in before and before[r] != now[r])
        # Left since the last export, or since an earlier run of this same day.
        export.removed = _by_number((set(before) | set(earlier_today)) - set(now))
        xml = to_xml(items, day)
        errors = validation_errors(xml)
        if errors:
            raise ExportError("; ".join(errors[:5]))
        stamp = day.isoformat()
        export.files = {
            f"{PREFIX}-{stamp}.xml": xml,
            f"{PREFIX}-{stamp}.json": to_json(items),
            f"{PREFIX}-{stamp}.csv": to_csv(items),
            f"changes-{stamp}.json": _changes_document(export),
        }
    return export


def _write(folder: Path, name: str, content: bytes) -> None:
    """Replace a file at once: a reader sees the old one or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=f"-{name}")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_files(export: Export) -> Path:
    folder = export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = export.day.isoformat()
    for name, content in export.files.items():
        _write(folder, name, content)
        _write(folder, name.replace(stamp, "latest"), content)
    return folder


def _store(export: Export) -> None:
    """The run, and each exported offer's state (committed)."""
    day = export.day
    run = db.session.scalar(select(ExportRun).where(ExportRun.day == day))
    if run is None:
        run = ExportRun(day=day)
        db.session.add(run)
    run.files = " ".join(export.files)
    run.offers = len(export.items)
    run.added, run.changed, run.removed = (
        len(export.added),
        len(export.changed),
        len(export.removed),
    )
    run.snapshot = json.dumps(export.snapshot, sort_keys=True)
    known = {
        item.offer_id: item
        for item in db.session.scalars(
            select(ExportedItem).where(
                ExportedItem.offer_id.in_(
                    [i.offer.id for i in export.items] + [offer_id_of(r) for r in export.removed]
                )
            )
        )
    }
    for item in export.items:
        row = known.get(item.offer.id)
        if row is None:
            row = ExportedItem(
                offer_id=item.offer.id, reference=item.reference, first_exported_on=day
            )
            db.session.add(row)
        row.fingerprint = item.fingerprint
        row.last_exported_on = day
        row.removed_on = None
    for reference in export.removed:
        row = known.get(offer_id_of(reference))
        if row is not None:
            row.removed_on = day
    db.session.commit()


def _distribute(export: Export) -> int:
    """`Distribution` rows: SENT for added and changed offers, REMOVED for those gone."""
    target = f"{PREFIX}-{export.day.isoformat()}"
    fingerprints = export.snapshot
    count = 0
    for reference in export.added + export.changed:
        key = f"{CHANNEL}:{export.day.isoformat()}:{reference}:{fingerprints[reference][:16]}"
        count += record(offer_id_of(reference), CHANNEL, target, key, detail=reference)
    existing = set(
        db.session.scalars(
            select(Offer.id).where(Offer.id.in_([offer_id_of(r) for r in export.removed]))
        )
    )
    for reference in export.removed:
        if offer_id_of(reference) not in existing:
            continue  # the offer itself is gone (retention): nothing to attach the row to
        key = f"{CHANNEL}:{export.day.isoformat()}:{reference}:removed"
        count += record(
            offer_id_of(reference),
            CHANNEL,
            target,
            key,
            DistributionResult.REMOVED,
            detail=reference,
        )
    return count


def run(day: date, dry_run: bool = False) -> list[str]:
    """The daily export (the `oj_daily_run` of the plugin); lines for the report."""
    latest = db.session.scalar(select(ExportRun.day).order_by(ExportRun.day.desc()).limit(1))
    if latest is not None and latest > day:
        return [f"talents_region: {day.isoformat()} skipped, an export of {latest} exists"]
    try:
        export = build(day)
    except ExportError as error:
        current_app.logger.error("Talents Région export of %s is invalid: %s", day, error)
        return [f"talents_region: export of {day.isoformat()} NOT written, invalid XML: {error}"]
    summary = (
        f"{len(export.items)} offers (added {len(export.added)}, changed {len(export.changed)}, "
        f"removed {len(export.removed)})"
    )
    lines = [
        f"talents_region: {reference} left out, invalid: {'; '.join(errors[:3])}"
        for reference, errors in export.refused.items()
    ]
    for reference, errors in export.refused.items():
        current_app.logger.warning("Talents Région: %s left out: %s", reference, errors)
    if dry_run:
        return [f"talents_region: would write {summary} to {export_dir()} (dry run)", *lines]
    folder = write_files(export)
    try:
        _store(export)
    except IntegrityError:  # another process stored the same day first: its files are the same
        db.session.rollback()
        return [f"talents_region: {day.isoformat()} already being exported elsewhere", *lines]
    _distribute(export)
    return [f"talents_region: {summary} written to {folder}", *lines]
