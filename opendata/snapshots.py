"""Dated snapshots of the public registry, like the monthly files of the USDA's Organic Integrity Database: every
product that is or was OCOP on a day, with its standing that day (the rows of /api/v1/products/?standing=all),
as CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics) and as JSON. The same data gives the same
bytes, so the same name: the name carries the date and the first 12 hex digits of the SHA-256."""

import csv
import datetime
import hashlib
import io
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from opendata.models import RegistrySnapshot, SnapshotFormat
from opendata.queries import product_rows, registry_products

BATCH = 1000
CSV_COLUMNS = ["id", "name", "group", "sector", "scheme", "producer_id", "producer", "legal_type", "address",
               "commune", "district", "province", "standing", "standing_label", "stars", "valid_until", "year",
               "certificate", "decision_number", "decision_date", "url"]


def snapshot_rows(day: datetime.date) -> list[dict]:
    """The public registry on `day`, by id, as the API's rows (labels in Vietnamese)."""
    qs = registry_products({"standing": "all"}, day).order_by("pk")
    rows = []
    with translation.override("vi"):
        for start in range(0, qs.count(), BATCH):
            rows += product_rows(qs[start:start + BATCH])
    return rows


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _flat(row) -> dict:
    producer, standing, group = row["producer"], row["standing"], row["group"]
    return {
        "id": row["id"], "name": row["name"], "group": group["name"], "sector": group["sector"],
        "scheme": group["scheme"], "producer_id": producer["id"], "producer": producer["name"],
        "legal_type": producer["legal_type"], "address": producer["address"],
        "commune": (producer["commune"] or {}).get("name", ""),
        "district": (producer["district"] or {}).get("name", ""),
        "province": producer["province"]["name"], "standing": standing["code"], "standing_label": standing["label"],
        "stars": standing["stars"], "valid_until": _plain(standing["valid_until"]), "year": standing["year"],
        "certificate": standing["certificate"], "decision_number": standing["decision_number"],
        "decision_date": _plain(standing["decision_date"]), "url": row["url"],
    }


def as_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_flat(row) for row in rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def as_json(rows, day) -> bytes:
    document = {"date": day.isoformat(), "count": len(rows), "products": rows}
    return json.dumps(document, ensure_ascii=False, indent=1, default=_plain).encode("utf-8")


def write_snapshot(day: datetime.date) -> list[RegistrySnapshot]:
    """Write the CSV and JSON files of `day` into the default storage and record them; a second run for the same
    day replaces them (the old file is deleted once the new one is recorded)."""
    rows = snapshot_rows(day)
    made = []
    for fmt, content in ((SnapshotFormat.CSV, as_csv(rows)), (SnapshotFormat.JSON, as_json(rows, day))):
        digest = hashlib.sha256(content).hexdigest()
        name = f"opendata/ocop-registry-{day.isoformat()}-{digest[:12]}.{fmt.value}"
        old = RegistrySnapshot.objects.filter(day=day, format=fmt).first()
        if old and old.sha256 == digest and default_storage.exists(old.file.name):
            made.append(old)
            continue
        stored = default_storage.save(name, ContentFile(content))
        with transaction.atomic():
            snapshot, _created = RegistrySnapshot.objects.update_or_create(
                day=day, format=fmt, defaults={"file": stored, "sha256": digest, "size": len(content),
                                               "rows": len(rows)})
        if old and old.file.name != stored:
            default_storage.delete(old.file.name)
        made.append(snapshot)
    return made
