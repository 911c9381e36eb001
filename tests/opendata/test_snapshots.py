"""Dated snapshots of the public registry (opendata/snapshots.py, `manage.py snapshot_registry`) and /open-data/."""

import csv
import datetime
import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from opendata.models import RegistrySnapshot
from opendata.queries import registry_products
from tests.opendata.test_api import revoked  # noqa: F401 — a revoked product, shared
from tests.products.test_registry import catalogue  # noqa: F401 — the registry's scenario, shared


def read(snapshot):
    with default_storage.open(snapshot.file.name) as handle:
        return handle.read()


def written(day=None):
    call_command("snapshot_registry", *(["--date", day.isoformat()] if day else []), stdout=io.StringIO())
    return {s.format: s for s in RegistrySnapshot.objects.filter(day=day or timezone.localdate())}


def test_snapshot_rows_equal_the_api_and_the_registry(client, catalogue, revoked):  # noqa: F811
    files = written()
    document = json.loads(read(files["json"]))
    api = client.get("/api/v1/products/", {"standing": "all", "page_size": 100}).json()["results"]
    assert sorted(document["products"], key=lambda r: r["id"]) == sorted(api, key=lambda r: r["id"])
    web = client.get("/products/", {"standing": "all"}).context["products"]
    assert sorted(r["id"] for r in document["products"]) == sorted(p.pk for p in web)
    assert document["count"] == files["csv"].rows == len(api) == 5
    rows = list(csv.DictReader(io.StringIO(read(files["csv"]).decode("utf-8-sig"))))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in document["products"]]
    assert {r["name"]: r["standing_label"] for r in rows}["Chè thu hồi"] == "Bị thu hồi"


def test_csv_opens_in_excel_with_diacritics(catalogue):  # noqa: F811
    content = read(written()["csv"])
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    assert "Chè Shan tuyết Bình Lư".encode() in content
    assert content.splitlines()[0].decode("utf-8-sig").startswith("id,name,group,sector")


def test_a_name_with_its_date_and_checksum(catalogue):  # noqa: F811
    for fmt, snapshot in written().items():
        content = read(snapshot)
        digest = hashlib.sha256(content).hexdigest()
        assert snapshot.sha256 == digest and snapshot.size == len(content)
        assert snapshot.file.name == f"opendata/ocop-registry-{timezone.localdate().isoformat()}-{digest[:12]}.{fmt}"


def test_a_past_date_is_the_registry_of_that_day(catalogue):  # noqa: F811
    day = datetime.date(2021, 6, 1)  # only the 2020 recognition was in force
    document = json.loads(read(written(day)["json"]))
    assert [(r["name"], r["standing"]["code"]) for r in document["products"]] == [("Chè hết hạn Bình Lư",
                                                                                    "recognised")]
    assert document["date"] == "2021-06-01"
    assert document["count"] == registry_products({"standing": "all"}, day).count()


def test_running_twice_keeps_one_file_per_format(catalogue):  # noqa: F811
    first = {f: s.file.name for f, s in written().items()}
    second = {f: s.file.name for f, s in written().items()}
    assert first == second and RegistrySnapshot.objects.count() == 2
    assert all(default_storage.exists(name) for name in second.values())


def test_a_date_in_the_future_or_badly_written_is_refused(db):
    with pytest.raises(CommandError, match="tương lai"):
        call_command("snapshot_registry", "--date", (timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("snapshot_registry", "--date", "24/11/2026")


def test_the_open_data_page_lists_the_files_and_the_api(client, catalogue):  # noqa: F811
    files = written()
    page = client.get("/open-data/")
    html = page.content.decode()
    assert page.status_code == 200 and "Dữ liệu mở" in html
    for snapshot in files.values():
        assert snapshot.file.url in html and snapshot.sha256 in html
    assert 'href="/api/v1/docs"' in html and 'href="/api/v1/openapi.json"' in html
    assert 'href="/open-data/"' in client.get("/").content.decode()  # linked from every page
