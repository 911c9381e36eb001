import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from certificates.enums import CertificateState
from ocop.seeding import SeedRefused, seed_national
from ocop.seeding.reference import ANCHOR, PASSWORD


class Command(BaseCommand):
    help = (
        "Seed an empty database with synthetic national data for benchmarks and demos: the 34 provinces and their "
        "communes, products/2 producers, PRODUCTS products, about products/10 evaluation rounds of 7 council members "
        "(about 25 scores a product), their decisions and certificates — valid, expired, revoked and superseded — "
        "every result computed by the OCOP rules; the same --seed gives the same data. Dates run up to "
        f"{ANCHOR:%d/%m/%Y}; expiries are not recorded (run expire_certificates). Logins, password "
        f"{PASSWORD}: seed-admin (administrator); seed-canbo-NN (provincial staff) and seed-lanhdao-NN (official) "
        "for every province, NN its official code (seed-canbo-01: Hà Nội); seed-chuthe-NN (a producer of province "
        "NN) for the provinces with data. Refuses a database holding producers or rounds it did not write; "
        "--reset deletes an earlier seed (and only that) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=20000,
                            help="How many products (default 20000); everything else in proportion.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random data (default 1).")
        parser.add_argument("--reset", action="store_true", help="Delete the data of an earlier seed first.")
        parser.add_argument("--allow-production", action="store_true",
                            help="Seed even when DEBUG is off (the logins have a published password: never on a "
                                 "real server).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Seeded logins have a published password: refused with DEBUG off "
                               "(--allow-production on a throwaway database).")
        self.stdout.write(f"seed_national: {options['products']:,} products, seed {options['seed']}, "
                          f"{connection.vendor} database {connection.settings_dict['NAME']}")
        start = time.perf_counter()
        try:
            report = seed_national(products=options["products"], seed=options["seed"], reset=options["reset"],
                                   out=self.stdout.write)
        except SeedRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(f"Done in {time.perf_counter() - start:.1f} s.")
        self.stdout.write("Rows:")
        for what, count in report.counts.items():
            self.stdout.write(f"  {what:<28}{count:>10,}")
        states = ", ".join(f"{report.certificates.get(state, 0):,} {state.value}"
                           for state in CertificateState)
        self.stdout.write(f"Certificates on {report.day:%d/%m/%Y}: {states}.")
        with_data = ", ".join(f"{code:02d} {name}" for code, name, seeded in report.provinces if seeded)
        self.stdout.write(f"Logins (password for all: {PASSWORD}):\n"
                          f"  seed-admin          administrator\n"
                          f"  seed-canbo-NN       provincial staff of province NN (official code)\n"
                          f"  seed-lanhdao-NN     official of province NN\n"
                          f"  seed-chuthe-NN      a producer of province NN, for the provinces with data:\n"
                          f"                      {with_data}")
