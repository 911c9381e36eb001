from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from certificates.demo import revoke_sample_certificate
from evaluation.demo import load_demo_rounds, load_sample_reevaluation
from products.demo import DEMO_PASSWORD, create_demo_logins, load_demo_data
from programme.demo import load_programme_demo


class Command(BaseCommand):
    help = ("Load the Lai Châu 2020 demo data — producers, products, both rounds decided — a labelled sample 2026 "
            "re-evaluation with one revoked certificate, and one demo login per role (safe to run twice).")

    def add_arguments(self, parser):
        parser.add_argument("--no-logins", action="store_true", help="Do not create the demo logins.")
        parser.add_argument("--allow-production", action="store_true",
                            help="Create demo logins even when DEBUG is off (never on a real server).")

    def handle(self, *args, **options):
        counts = load_demo_data()
        self.stdout.write(f"Lai Châu 2020: {counts['producers']} producers, {counts['products']} products.")
        logins = []
        if not options["no_logins"]:
            if not settings.DEBUG and not options["allow_production"]:
                raise CommandError("Demo logins have a published password: refused with DEBUG off "
                                   "(use --no-logins, or --allow-production on a throwaway machine).")
            logins = create_demo_logins()
        staff = User.objects.filter(username="canbo").first()
        official = User.objects.filter(username="lanhdao").first()
        for round_ in load_demo_rounds(staff=staff, official=official):
            decision = round_.decision
            self.stdout.write(f"{round_}: {round_.enrolments.count()} products, decision {decision.number} "
                              f"of {decision.signed_on:%d/%m/%Y}, {decision.recognitions.count()} recognised.")
        sample = load_sample_reevaluation(staff=staff, official=official)
        revoked = revoke_sample_certificate(official=official)
        self.stdout.write(f"SAMPLE DATA — {sample} (re-evaluation under {sample.criteria_set.decision}): "
                          f"{sample.decision.recognitions.count()} of the 2020 products recognised again, "
                          f"decision {sample.decision.number} of {sample.decision.signed_on:%d/%m/%Y}; "
                          f"certificate {revoked.number} revoked on {revoked.ended_on:%d/%m/%Y}.")
        for line in load_programme_demo(staff=staff, official=official):
            self.stdout.write(line)
        if logins:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for login in logins:
                self.stdout.write(f"  {login.username:<10} {login.role:<28} {login.scope}")
