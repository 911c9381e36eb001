"""Benchmark of the daily batch jobs. Run: .venv/bin/python bench/batch_jobs.py [--certificates 10000] [--runs 3]
[--postgres postgres://postgres@127.0.0.1:5432]

Sets up a throwaway database (SQLite by default; with --postgres, a database created on that server and dropped
afterwards) with the Lai Châu 2020 demo data and --certificates more certificates past their last day but still
recorded valid, and as many more in force whose last day is within 6 months, each with a producer account. Then
measures, each beside a floor measured in the same run (a single `SELECT count(*)` of the certificates):
  expire_certificates — recording them expired, with their history rows (median of --runs, reset in between);
  notify_expiring     — the first run (a notice per certificate and account), then a run with nothing new
                        (time, queries and e-mails rendered).
Targets: expire ≤ 1 s for 10,000 certificates in a few statements; nothing new → nothing rendered, constant queries.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import scratch_database, timed  # noqa: E402 — once the project is on the path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", help="a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="ocop-bench-jobs-")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "1", "MEDIA_ROOT": workdir,
                       "PRIVATE_MEDIA_ROOT": workdir, "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
                       "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"})
    with scratch_database(args.postgres, "ocop_bench_jobs", workdir):
        run(args)

def run(args):
    # Django is imported and set up only now, on the throwaway database configured by main().
    import django  # noqa: PLC0415 — after the environment is set

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 — after django.setup()
    from django.db import connection  # noqa: PLC0415 — after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 — after django.setup()
    from django.utils import timezone  # noqa: PLC0415 — after django.setup()

    from accounts.models import User  # noqa: PLC0415 — after django.setup()
    from accounts.roles import Role  # noqa: PLC0415 — after django.setup()
    from certificates.enums import CertificateState  # noqa: PLC0415 — after django.setup()
    from certificates.models import Certificate  # noqa: PLC0415 — after django.setup()
    from certificates.services import expire_certificates  # noqa: PLC0415 — after django.setup()
    from portal import notifications  # noqa: PLC0415 — after django.setup()
    from products.models import Producer  # noqa: PLC0415 — after django.setup()

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-logins", stdout=open(os.devnull, "w"))
    demo = list(Certificate.objects.filter(year=2020).order_by("pk"))
    fields = [f.attname for f in Certificate._meta.concrete_fields if not f.primary_key]
    today = timezone.localdate()

    def copies(count, first_sequence, **changes):
        return [Certificate(**{**{name: getattr(demo[i % len(demo)], name) for name in fields},
                               "number": f"BENCH-{first_sequence + i}", "sequence": first_sequence + i,
                               "state": CertificateState.VALID, "ended_on": None, "superseded_by_id": None,
                               "revoked_reason": "", "revoked_by_id": None, "revoked_at": None, **changes})
                for i in range(count)]

    n = args.certificates
    Certificate.objects.bulk_create(copies(n, 100_000), batch_size=2000)  # 2020 + 36 months: past their last day
    producers = list(Producer.objects.filter(products__certificates__in=demo).distinct())
    User.objects.bulk_create([User(username=f"bench{p.pk}", role=Role.PRODUCER, producer=p,
                                   email=f"bench{p.pk}@example.vn") for p in producers])
    expiring = dict(in_force_from=today - datetime.timedelta(days=900), issued_on=today - datetime.timedelta(days=900),
                    expires_on=today + datetime.timedelta(days=90))
    Certificate.objects.bulk_create(copies(n, 200_000, **expiring), batch_size=2000)
    due = Certificate.objects.filter(state=CertificateState.VALID, expires_on__lt=today)
    history = Certificate.history.filter(history_change_reason="expired")
    to_expire = due.count()

    floor_runs = [timed(Certificate.objects.count)[0] for _ in range(max(5, args.runs))]
    floor = statistics.median(floor_runs)

    expire_runs = []
    for _ in range(args.runs):
        due_ids = list(due.values_list("pk", flat=True))
        connection.queries_log.clear()  # the capture counts from the log, which keeps the last 9,000 queries
        with CaptureQueriesContext(connection) as captured:
            seconds, expired = timed(expire_certificates)
        assert expired == to_expire and history.count() == to_expire, (expired, history.count())
        expire_runs.append((seconds, len(captured)))
        history.delete()  # back to "valid" for the next run
        Certificate.objects.filter(pk__in=due_ids).update(state=CertificateState.VALID)
    expire_s = statistics.median(s for s, _ in expire_runs)

    rendered = []
    real_render = notifications.render_to_string

    def counting_render(*a, **k):
        rendered.append(1)
        return real_render(*a, **k)

    notifications.render_to_string = counting_render
    results = []
    for label in ("first run (all new)", "nothing new"):
        rendered.clear()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            seconds, queued = timed(notifications.queue_expiring)
        results.append((label, seconds, len(captured), len(rendered), len(queued)))

    print(f"{connection.vendor}; {to_expire:,} certificates to expire, {n:,} expiring within 6 months; "
          f"runs: {args.runs}")
    print(f"  {'':38}{'time':>10}{'× floor':>10}{'queries':>9}{'rendered':>10}  target")
    print(f"  {'floor: SELECT count(*) of certificates':38}{floor * 1000:8.1f}ms{'':10}{1:9}")
    print(f"  {'expire_certificates':38}{expire_s * 1000:8.0f}ms{expire_s / floor:9.0f}×"
          f"{expire_runs[0][1]:9}{'':10}  ≤ 1 s for 10,000, a few statements")
    for label, seconds, queries, renders, queued in results:
        target = "nothing rendered, constant queries" if label == "nothing new" else f"{queued:,} notices queued"
        print(f"  {'notify_expiring: ' + label:38}{seconds * 1000:8.0f}ms{seconds / floor:9.0f}×{queries:9}"
              f"{renders:10}  {target}")


if __name__ == "__main__":
    main()
