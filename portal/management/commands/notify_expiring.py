from django.core.management.base import BaseCommand

from portal.notifications import queue_expiring, send_pending


class Command(BaseCommand):
    help = ("E-mail the producers whose certificates expire within 6 months, then send every pending "
            "notification. For a daily cron job: running it twice sends each e-mail once.")

    def handle(self, *args, **options):
        queued = queue_expiring()
        sent = send_pending()
        self.stdout.write(f"{len(queued)} notifications queued, {sent} e-mails sent.")
