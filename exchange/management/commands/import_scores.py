from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from evaluation.models import EvaluationRound
from exchange.importing.reading import ImportRefused
from exchange.importing.scores import commit_scores, plan_scores
from exchange.management.commands._common import problem_lines, read_file, user_named


class Command(BaseCommand):
    help = ("Import a council's scores for a round from an XLSX or CSV file (one row per product × member). "
            "All or nothing; a file already imported changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, dest="round_id", help="The round's id.")
        parser.add_argument("file")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show the preview only.")

    def handle(self, *args, round_id, file, **options):
        with translation.override("vi"):
            round_ = EvaluationRound.objects.filter(pk=round_id).first()
            if round_ is None:
                raise CommandError(_("No round with id %(id)s.") % {"id": round_id})
            data, name = read_file(file)
            actor = user_named(options.get("user"))
            try:
                plan = plan_scores(round_, data, name)
                if not plan.ok:
                    raise ImportRefused(_("The file has %(count)s error(s): nothing was imported.")
                                        % {"count": len(plan.problems)}, plan.problems)
                self.stdout.write(_("%(rows)s rows, %(products)s products, %(enrol)s to enrol.") % {
                    "rows": len(plan.rows), "products": len({r.product.pk for r in plan.rows}),
                    "enrol": plan.to_enrol})
                if options["dry_run"]:
                    return
                if plan.already is not None:
                    self.stdout.write(_("This file was already imported on %(date)s: nothing changed.")
                                      % {"date": plan.already.imported_at.strftime("%d/%m/%Y %H:%M")})
                    return
                batch = commit_scores(plan, actor=actor)
            except ImportRefused as error:
                for line in problem_lines(error.problems):
                    self.stderr.write(line)
                raise CommandError(error.message) from None
            self.stdout.write(_("Imported: %(count)s scores created or changed.") % {"count": batch.changed_count})
