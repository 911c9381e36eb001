from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from exchange.importing.reading import ImportRefused
from exchange.importing.registry import Match, commit_registry, plan_registry
from exchange.management.commands._common import problem_lines, read_file, user_named


class Command(BaseCommand):
    help = ("Import producers, products and past recognitions (decision, stars, certificate) from an XLSX or CSV "
            "file in the official list's layout. All or nothing; a file already imported changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show the preview only.")

    def handle(self, *args, file, **options):
        with translation.override("vi"):
            data, name = read_file(file)
            actor = user_named(options.get("user"))
            try:
                plan = plan_registry(data, name, province=actor.province if actor and actor.province_id else None)
                if not plan.ok:
                    raise ImportRefused(_("The file has %(count)s error(s): nothing was imported.")
                                        % {"count": len(plan.problems)}, plan.problems)
                self.stdout.write(_("%(rows)s rows; producers: %(code)s matched by registration code, %(name)s by "
                                    "name and commune, %(new)s new.") % {
                    "rows": len(plan.rows), "code": plan.count(Match.CODE), "name": plan.count(Match.NAME),
                    "new": plan.count(Match.NEW)})
                if options["dry_run"]:
                    return
                if plan.already is not None:
                    self.stdout.write(_("This file was already imported on %(date)s: nothing changed.")
                                      % {"date": plan.already.imported_at.strftime("%d/%m/%Y %H:%M")})
                    return
                batch = commit_registry(plan, actor=actor)
            except ImportRefused as error:
                for line in problem_lines(error.problems):
                    self.stderr.write(line)
                raise CommandError(error.message) from None
            self.stdout.write(_("Imported: %(count)s records created.") % {"count": batch.changed_count})
