import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.snapshots import write_snapshot


class Command(BaseCommand):
    help = "Write the dated CSV and JSON snapshots of the public registry into the default storage (/open-data/)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD; today by default")

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(_("The date must be written YYYY-MM-DD.")) from error
        if day > timezone.localdate():
            raise CommandError(_("A snapshot cannot be dated in the future."))
        for snapshot in write_snapshot(day):
            self.stdout.write(f"{snapshot.file.name}  {snapshot.rows} rows  {snapshot.size} bytes  "
                              f"sha256 {snapshot.sha256}")
