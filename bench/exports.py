"""Benchmark of the exports. Run: .venv/bin/python bench/exports.py [--products 4000] [--runs 5]

Seeds a throwaway SQLite database with `seed_national`, takes the province and year with the most certificates,
and measures in one process (median of --runs) the export of that year as XLSX, CSV and PTNT_OCOP — reading the
list (exchange.exports.recognised) and writing the file (exchange.exports.writers) — beside its floor: the same
rows' values, already in memory, written by openpyxl alone (plain cells, no styles or properties) and by the csv
module alone. Prints each time, the rows, the queries and the ratio to the floor.
"""

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import median_time  # noqa: E402 — once the project is on the path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="ocop-bench-exports-")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "1",
                       "SQLITE_PATH": os.path.join(workdir, "bench.sqlite3"), "MEDIA_ROOT": workdir,
                       "PRIVATE_MEDIA_ROOT": workdir, "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend"})
    os.environ.pop("DATABASE_URL", None)
    import django  # noqa: PLC0415 — after the environment is set

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 — after django.setup()
    from django.db import connection  # noqa: PLC0415 — after django.setup()
    from django.db.models import Count  # noqa: PLC0415 — after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 — after django.setup()
    from openpyxl import Workbook  # noqa: PLC0415 — after django.setup()

    from certificates.models import Certificate  # noqa: PLC0415 — after django.setup()
    from exchange.exports.recognised import recognised_list  # noqa: PLC0415 — after django.setup()
    from exchange.exports.writers import LIST_COLUMNS, PTNT_COLUMNS, write  # noqa: PLC0415 — after django.setup()
    from geo.models import Province  # noqa: PLC0415 — after django.setup()

    call_command("migrate", verbosity=0)
    call_command("seed_national", products=args.products, seed=1, stdout=io.StringIO())
    top = (Certificate.objects.values("province_id", "year").annotate(n=Count("pk")).order_by("-n").first())
    province, year = Province.objects.get(pk=top["province_id"]), top["year"]
    export = recognised_list(province, year, private=True)
    rows = {"xlsx": [[v(r) for _h, v, _w in LIST_COLUMNS] for r in export.rows],
            "ptnt": [[v(r) for _h, v, _w in PTNT_COLUMNS] for r in export.rows]}
    rows["csv"] = [[str(v) for v in row] for row in rows["xlsx"]]

    def floor_xlsx(values):
        workbook = Workbook()
        for row in values:
            workbook.active.append(row)
        workbook.save(io.BytesIO())

    def floor_csv(values):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(values)
        buffer.getvalue().encode("utf-8-sig")

    print(f"{province.short_name} {year}: {len(export.rows)} certificates (seed_national --products {args.products})")
    print(f"{'format':<6} {'export':>9} {'floor':>9} {'ratio':>6} {'queries':>8}")
    for fmt in ("xlsx", "csv", "ptnt"):
        with CaptureQueriesContext(connection) as queries:
            write(recognised_list(province, year, private=True), fmt)
        took = median_time(lambda fmt=fmt: write(recognised_list(province, year, private=True), fmt), args.runs)
        floor_fn = floor_csv if fmt == "csv" else floor_xlsx
        floor = median_time(lambda fmt=fmt, floor_fn=floor_fn: floor_fn(rows[fmt]), args.runs)
        print(f"{fmt:<6} {took * 1000:>7.0f}ms {floor * 1000:>7.0f}ms {took / floor:>5.1f}× {len(queries):>8}")


if __name__ == "__main__":
    main()
