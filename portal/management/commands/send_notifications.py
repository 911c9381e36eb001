from django.core.management.base import BaseCommand

from portal.notifications import send_pending


class Command(BaseCommand):
    help = "Send the pending e-mail notifications (recognitions, certificates); safe to run often."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_pending()} e-mails sent.")
