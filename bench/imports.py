"""Benchmark of the score import. Run: .venv/bin/python bench/imports.py [--rows 10000]
[--postgres postgres://postgres@127.0.0.1:5432]

Sets up a throwaway database (SQLite by default; with --postgres, a database created on that server and dropped
afterwards) with the Lai Châu admin units, a provincial round under QĐ 1048 with a council of 7 and enough products
enrolled for --rows score rows (product × member, parts A/B/C), writes them to one XLSX file, then measures:
  floor    — openpyxl alone reading that file, as the import reads it (load_workbook in read-only mode, then every
             row's values; median of 3);
  import   — `import_scores` of the file into the empty round: read, check every row, write every score with its
             history row and provenance, stage each product's result (one run, fresh round);
  again    — the same file imported a second time (it changes nothing);
and prints each figure and its ratio to the floor. Targets: import ≤ 3 × floor and ≤ 5 s.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import scratch_database, timed  # noqa: E402 — once the project is on the path

MEMBERS = 7



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", help="a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="ocop-bench-imports-")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "1", "MEDIA_ROOT": workdir,
                       "PRIVATE_MEDIA_ROOT": workdir, "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend"})
    with scratch_database(args.postgres, "ocop_imports_bench", workdir):
        run(args)

def setup_round(rows):
    """A round open for scoring, its council, and ceil(rows / 7) products enrolled (set up in bulk: not timed)."""
    from evaluation import services  # noqa: PLC0415 — after django.setup()
    from evaluation.enums import MemberRole, RoundState  # noqa: PLC0415 — after django.setup()
    from evaluation.models import Enrolment  # noqa: PLC0415 — after django.setup()
    from geo.models import Commune, Province  # noqa: PLC0415 — after django.setup()
    from geo.services import load_admin_units  # noqa: PLC0415 — after django.setup()
    from products.models import Producer, Product, ProductGroup  # noqa: PLC0415 — after django.setup()

    load_admin_units()
    province = Province.objects.get(code=12)
    communes = list(Commune.objects.filter(province=province))
    group = ProductGroup.objects.filter(scheme="1048").first()
    round_ = services.create_round(province=province, number=1, starts_on=datetime.date(2020, 9, 15), actor=None)
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, *[MemberRole.MEMBER] * (MEMBERS - 2)]
    members = [services.add_member(round_, name=f"Thành viên {i + 1}", role=role, position=i, actor=None)
               for i, role in enumerate(roles)]
    services.set_round_state(round_, RoundState.SCORING, actor=None)
    count = -(-rows // MEMBERS)
    producers = [Producer(legal_type="cooperative", name=f"Hợp tác xã {i}", registration_code=f"62{i:08d}",
                          representative="Người đại diện", address="Bản 1", commune=communes[i % len(communes)],
                          province=province, search_name=f"hop tac xa {i}") for i in range(-(-count // 10))]
    Producer.objects.bulk_create(producers)
    producers = list(Producer.objects.filter(province=province).order_by("registration_code"))
    products = [Product(producer=producers[i // 10], name=f"Sản phẩm {i}", group=group, status="in_evaluation")
                for i in range(count)]
    for product in products:
        product.search_name = f"san pham {product.name.rsplit(' ', 1)[1]}"
    Product.objects.bulk_create(products)
    products = list(Product.objects.filter(producer__province=province).select_related("producer").order_by("pk"))
    Enrolment.objects.bulk_create([Enrolment(round=round_, product=p, position=i + 1) for i, p in enumerate(products)])
    round_.refresh_from_db()
    return round_, members, products


def sheet(round_, members, products, rows):
    from openpyxl import Workbook  # noqa: PLC0415 — after django.setup()

    book = Workbook()
    data = book.active
    data.title = "Điểm"
    data.append(["STT", "Mã số chủ thể", "Chủ thể", "Tên sản phẩm", "Thành viên hội đồng", "Phần A", "Phần B",
                 "Phần C"])
    n = 0
    for i, product in enumerate(products):
        for member in members:
            if n == rows:
                break
            n += 1
            data.append([n, product.producer.registration_code, product.producer.name, product.name, member.name,
                         20 + (i % 10) * 0.5, 15 + (n % 5) * 0.5, 25.5])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(args):
    import django  # noqa: PLC0415 — after the environment is set

    django.setup()
    from django.conf import settings  # noqa: PLC0415 — after django.setup()
    from django.core.management import call_command  # noqa: PLC0415 — after django.setup()
    from openpyxl import load_workbook  # noqa: PLC0415 — after django.setup()

    from evaluation.models import Score  # noqa: PLC0415 — after django.setup()
    from exchange.importing.scores import commit_scores, plan_scores  # noqa: PLC0415 — after django.setup()

    settings.DEBUG = False  # DEBUG=1 lets the settings load; measured as in production, without the query log
    call_command("migrate", verbosity=0)
    round_, members, products = setup_round(args.rows)
    data = sheet(round_, members, products, args.rows)

    def floor():
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
        book.close()
        return count

    floors = [timed(floor)[0] for _ in range(3)]
    floor_time = statistics.median(floors)
    import_time, batch = timed(lambda: commit_scores(plan_scores(round_, data, "bench.xlsx"), actor=None))
    again_time, _again = timed(lambda: commit_scores(plan_scores(round_, data, "bench.xlsx"), actor=None))
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{args.rows} score rows ({len(products)} products × {MEMBERS} members, parts A/B/C), "
          f"{len(data) // 1024} KiB, {engine}")
    print(f"floor  (openpyxl reads the file): {floor_time:.2f} s")
    print(f"import (read, check, write {Score.objects.count()} scores + history + provenance): {import_time:.2f} s"
          f" = {import_time / floor_time:.1f} × floor")
    print(f"again  (same file, nothing changes): {again_time:.2f} s = {again_time / floor_time:.1f} × floor")
    print(f"rows imported: {batch.row_count}, scores written: {batch.changed_count}")


if __name__ == "__main__":
    main()
