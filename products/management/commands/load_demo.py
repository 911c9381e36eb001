from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from products.demo import DEMO_PASSWORD, create_demo_logins, load_demo_data


class Command(BaseCommand):
    help = "Load the Lai Châu 2020 demo data and one demo login per role (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--no-logins", action="store_true", help="Do not create the demo logins.")
        parser.add_argument("--allow-production", action="store_true",
                            help="Create demo logins even when DEBUG is off (never on a real server).")

    def handle(self, *args, **options):
        counts = load_demo_data()
        self.stdout.write(f"Lai Châu 2020: {counts['producers']} producers, {counts['products']} products.")
        if options["no_logins"]:
            return
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Demo logins have a published password: refused with DEBUG off "
                               "(use --no-logins, or --allow-production on a throwaway machine).")
        self.stdout.write("Demo logins (password for all: %s):" % DEMO_PASSWORD)
        for login in create_demo_logins():
            self.stdout.write(f"  {login.username:<10} {login.role:<28} {login.scope}")
