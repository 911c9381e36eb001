from django.core.management.base import BaseCommand

from certificates.services import expire_certificates


class Command(BaseCommand):
    help = "Mark certificates past their last day as expired (daily cron job; safe to run twice)."

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_certificates()} certificates expired.")
