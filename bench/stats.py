"""Benchmark of the statistics' figures. Run on a database seeded with `manage.py seed_national`:

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python manage.py seed_national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/stats.py [--runs 5]

Measures, uncached, each beside a floor measured in the same run (the home page's count of the products
recognised today: one query over the same join):
  public figures, every province — the 11 aggregates of /statistics/;
  public figures, one province   — the same with ?province=;
  rounds' progress               — an administrator's (every province's rounds), and a province official's.
Prints the median time of --runs, the queries and the ratio to the floor.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import median_time  # noqa: E402 — once the project is on the path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    os.environ.setdefault("DEBUG", "1")
    import django  # noqa: PLC0415 — set up after the environment is chosen

    django.setup()
    from django.db import connection  # noqa: PLC0415 — after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 — after django.setup()
    from django.utils import timezone  # noqa: PLC0415 — after django.setup()

    from accounts.models import User  # noqa: PLC0415 — after django.setup()
    from certificates.standing import annotate_recognised  # noqa: PLC0415 — after django.setup()
    from products.models import Product  # noqa: PLC0415 — after django.setup()
    from stats.figures import _public_figures, round_progress  # noqa: PLC0415 — after django.setup()

    today = timezone.localdate()
    province = (Product.objects.values_list("producer__province_id", flat=True).order_by("producer__province_id")
                .first())
    admin = User.objects.filter(is_superuser=True).first() or User(role="admin", is_superuser=True)
    official = User.objects.filter(role="official").order_by("username").first()
    products = Product.objects.count()
    recognised = annotate_recognised(Product.objects.all(), today).count()
    floor = median_time(lambda: annotate_recognised(Product.objects.all(), today).count(), args.runs)
    print(f"{products} products, {recognised} recognised on {today:%d/%m/%Y}; floor (count recognised) "
          f"{floor * 1000:.1f} ms")
    cases = [
        ("public figures, every province", lambda: _public_figures(today, None)),
        ("public figures, one province", lambda: _public_figures(today, province)),
        ("rounds' progress (administrator)", lambda: round_progress(admin, today)),
        *([(f"rounds' progress ({official.username})", lambda: round_progress(official, today))] if official else []),
    ]
    for name, fn in cases:
        with CaptureQueriesContext(connection) as queries:
            fn()
        seconds = median_time(fn, args.runs)
        print(f"{name:<34} {seconds * 1000:8.1f} ms  {len(queries):3d} queries  {seconds / floor:6.1f}× floor")


if __name__ == "__main__":
    main()
