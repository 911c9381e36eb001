from django.utils.translation import gettext as _

from exchange.importing.registry import Match, commit_registry, plan_registry
from exchange.management.commands._common import ImportCommand


class Command(ImportCommand):
    help = ("Import producers, products and past recognitions (decision, stars, certificate) from an XLSX or CSV "
            "file in the official list's layout. All or nothing; a file already imported changes nothing.")

    def plan(self, data, name, actor, **options):
        return plan_registry(data, name, province=actor.province if actor and actor.province_id else None)

    def describe(self, plan):
        return _("%(rows)s rows; producers: %(code)s matched by registration code, %(name)s by name and commune, "
                 "%(new)s new.") % {"rows": len(plan.rows), "code": plan.count(Match.CODE),
                                    "name": plan.count(Match.NAME), "new": plan.count(Match.NEW)}

    def commit(self, plan, actor):
        batch = commit_registry(plan, actor=actor)
        return _("Imported: %(count)s records created.") % {"count": batch.changed_count}
