"""Synthetic national data for benchmarks and demos (`manage.py seed_national`).

plan.py draws producers, products and rounds and computes every result with the rules; certify.py issues the
decisions and certificates; tables.py turns them into rows with their history; writer.py writes them in bulk.
Seeded rows are marked (producers' registration codes start with "SEED-", logins with "seed-"): the seed runs only
on a database without other products or rounds, and `reset` deletes what an earlier seed wrote, nothing else.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate, PrintJob
from evaluation.models import CouncilMember, Decision, Enrolment, EvaluationRound, Recognition, Score
from geo.services import load_admin_units
from ocop import page_cache
from ocop.seeding import writer
from ocop.seeding.certify import Certifier
from ocop.seeding.plan import Planner
from ocop.seeding.reference import PASSWORD, PRODUCER_PREFIX, USER_PREFIX, Reference
from ocop.seeding.tables import build
from products.models import DossierDocument, DossierEvent, Producer, Product

MIN_PRODUCTS = 100
COUNTED = {"producers": Producer, "products": Product, "rounds": EvaluationRound, "council members": CouncilMember,
           "enrolments": Enrolment, "scores": Score, "decisions": Decision, "recognitions": Recognition,
           "certificates": Certificate, "dossier steps": DossierEvent}
WITH_HISTORY = [Product, EvaluationRound, CouncilMember, Enrolment, Score, Decision, Recognition, Certificate]


class SeedRefused(Exception):
    """Why the seed does not run on this database."""


@dataclass
class Report:
    phases: list = field(default_factory=list)  # (what, seconds, rows or None)
    counts: dict = field(default_factory=dict)  # what -> rows
    certificates: dict = field(default_factory=dict)  # state on `day` -> certificates
    day: object = None
    provinces: list = field(default_factory=list)  # (code, name, has data)
    deleted: int = 0

    @property
    def seconds(self):
        return sum(s for _what, s, _rows in self.phases)


def seeded_producers():
    return Producer.objects.filter(registration_code__startswith=PRODUCER_PREFIX)


def seeded_users():
    return User.objects.filter(username__startswith=USER_PREFIX)


def check_database(*, reset: bool) -> None:
    """Refuse a database holding producers or rounds the seed did not write (real or demo data: seeded numbers
    would mix with theirs), and a seeded one unless `reset`."""
    if (Producer.objects.exclude(registration_code__startswith=PRODUCER_PREFIX).exists()
            or EvaluationRound.objects.exclude(created_by__username__startswith=USER_PREFIX).exists()):
        raise SeedRefused("This database holds producers or rounds that seed_national did not write: it seeds only "
                          "a database without them (create an empty one and migrate it).")
    if not reset and (seeded_producers().exists() or seeded_users().exists()):
        raise SeedRefused("This database is already seeded: use --reset to delete the seeded data and seed again.")


def delete_seeded() -> int:
    """Delete what a seed wrote — its producers and everything that hangs off them, its rounds, its logins — with
    their audit history, in statements that load nothing."""
    users = seeded_users()
    producers = seeded_producers()
    products = Product.objects.filter(producer__in=producers)
    rounds = EvaluationRound.objects.filter(created_by__in=users)
    enrolments = Enrolment.objects.filter(Q(round__in=rounds) | Q(product__in=products))
    decisions = Decision.objects.filter(round__in=rounds)
    recognitions = Recognition.objects.filter(Q(decision__in=decisions) | Q(product__in=products))
    certificates = Certificate.objects.filter(Q(decision__in=decisions) | Q(product__in=products))

    def ids(queryset):
        return queryset.values("pk")

    deleted = sum(writer.raw_delete(qs) for qs in [
        Certificate.history.filter(Q(product_id__in=ids(products)) | Q(decision_id__in=ids(decisions))),
        Recognition.history.filter(Q(product_id__in=ids(products)) | Q(decision_id__in=ids(decisions))),
        Decision.history.filter(round_id__in=ids(rounds)),
        Score.history.filter(enrolment_id__in=ids(enrolments)),
        Enrolment.history.filter(Q(round_id__in=ids(rounds)) | Q(product_id__in=ids(products))),
        CouncilMember.history.filter(round_id__in=ids(rounds)),
        EvaluationRound.history.filter(id__in=ids(rounds)),
        Product.history.filter(producer_id__in=ids(producers)),
    ])
    deleted += sum(writer.raw_delete(qs) for qs in [
        PrintJob.objects.filter(Q(decision__in=decisions) | Q(requested_by__in=users)),
        certificates, recognitions, decisions,
        Score.objects.filter(enrolment__in=enrolments), enrolments,
        CouncilMember.objects.filter(round__in=rounds), rounds,
        DossierDocument.objects.filter(product__in=products), DossierEvent.objects.filter(product__in=products),
        products,
    ])
    deleted += users.delete()[0]  # through the ORM: sessions' log entries, notifications, history's user links
    return deleted + writer.raw_delete(producers)


class _Phases:
    def __init__(self, report, out):
        self.report, self.out = report, out

    @contextmanager
    def __call__(self, what):
        """Time a phase; the body may set `rows` in the dict it gets."""
        info = {"rows": None}
        start = time.perf_counter()
        yield info
        seconds = time.perf_counter() - start
        self.report.phases.append((what, seconds, info["rows"]))
        rows = f"{info['rows']:>10,} rows" if info["rows"] is not None else " " * 15
        self.out(f"  {what:<48}{rows}{seconds:8.2f} s")


def seed_national(*, products: int = 20000, seed: int = 1, reset: bool = False, out=lambda line: None) -> Report:
    """Seed the database with national data of `products` products (everything else in proportion), the same
    for the same `seed`. Raises SeedRefused when the database is not one to seed."""
    if products < MIN_PRODUCTS:
        raise SeedRefused(f"Seed at least {MIN_PRODUCTS} products.")
    report = Report()
    phase = _Phases(report, out)
    with transaction.atomic():
        check_database(reset=reset)
        if reset:
            with phase("delete the earlier seed") as info:
                info["rows"] = report.deleted = delete_seeded()
        with phase("administrative units (geo)") as info:
            info["rows"] = sum(load_admin_units().values())
        with phase("plan: producers and products") as info:
            ref = Reference()
            planner = Planner(ref, products, seed)
            planner.registry(writer.next_id(Producer), writer.next_id(Product))
            info["rows"] = len(planner.products)
        with phase("plan: rounds, scores, results (rules)") as info:
            planner.schedule()
            planner.simulate()
            planner.number(writer.next_id(EvaluationRound), writer.next_id(CouncilMember),
                           writer.next_id(Enrolment))
            planner.first_score_id = writer.next_id(Score)
            planner.logins(writer.next_id(User), PASSWORD)
            info["rows"] = len(planner.rounds)
        with phase("plan: decisions, certificates") as info:
            certifier = Certifier(planner, first_decision_id=writer.next_id(Decision),
                                  first_recognition_id=writer.next_id(Recognition),
                                  first_certificate_id=writer.next_id(Certificate))
            certifier.run()
            info["rows"] = len(certifier.certificates)
        with phase("plan: rows and history") as info:
            tables = build(planner, certifier)
            info["rows"] = sum(len(t.rows) + (len(t.history.rows) if t.history else 0) for t in tables)
        for table in tables:
            with phase(f"write {table.model._meta.db_table}") as info:
                info["rows"] = writer.write_rows(table.model, table.fields, table.rows)
        with phase("write the audit history") as info:
            info["rows"] = sum(writer.write_rows(t.history.model, t.history.fields, t.history.rows)
                               for t in tables if t.history)
        writer.reset_sequences([t.model for t in tables])
        if connection.vendor == "postgresql":
            with phase("check foreign keys"):
                writer.check_constraints()
    page_cache.start_new_generation()  # written in bulk, without signals: the public pages start afresh
    if connection.vendor == "postgresql":
        with phase("analyze"):
            writer.analyze()
    with phase("count"):
        report.counts = {label: model.objects.count() for label, model in COUNTED.items()}
        report.counts["history rows"] = sum(m.history.model.objects.count() for m in WITH_HISTORY)
        report.counts["logins"] = seeded_users().count()
        report.day = timezone.localdate()
        states = Certificate.objects.with_state_on(report.day).values("state_on").annotate(n=Count("pk")).order_by()
        report.certificates = {row["state_on"]: row["n"] for row in states}
    seeded = set(planner.provinces)
    report.provinces = [(p.code, p.short_name, p in seeded) for p in ref.provinces]
    return report
