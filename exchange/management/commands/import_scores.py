from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from evaluation.models import EvaluationRound
from exchange.importing.scores import commit_scores, plan_scores
from exchange.management.commands._common import ImportCommand


class Command(ImportCommand):
    help = ("Import a council's scores for a round from an XLSX or CSV file (one row per product × member). "
            "All or nothing; a file already imported changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, dest="round_id", help="The round's id.")
        super().add_arguments(parser)

    def prepare(self, *, round_id, **options):
        self.round = EvaluationRound.objects.filter(pk=round_id).first()
        if self.round is None:
            raise CommandError(_("No round with id %(id)s.") % {"id": round_id})

    def plan(self, data, name, actor, **options):
        return plan_scores(self.round, data, name)

    def describe(self, plan):
        return _("%(rows)s rows, %(products)s products, %(enrol)s to enrol.") % {
            "rows": len(plan.rows), "products": len({r.product.pk for r in plan.rows}), "enrol": plan.to_enrol}

    def commit(self, plan, actor):
        batch = commit_scores(plan, actor=actor)
        return _("Imported: %(count)s scores created or changed.") % {"count": batch.changed_count}
