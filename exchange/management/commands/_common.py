"""What the two import commands share: reading the file (its size checked first), the user, the problems, and the
steps of an import (ImportCommand)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from exchange.importing.reading import ImportRefused, check_size


def read_file(path) -> tuple[bytes, str]:
    path = Path(path)
    if not path.is_file():
        raise CommandError(_("No such file: %(path)s") % {"path": path})
    try:
        check_size(path.stat().st_size)
    except ImportRefused as error:
        raise CommandError(error.message) from None
    return path.read_bytes(), path.name


def user_named(username):
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("No user %(name)s.") % {"name": username})
    return user


def problem_lines(problems):
    for p in problems:
        where = _("row %(row)s") % {"row": p.row} if p.row else _("file")
        column = f", {p.column}" if p.column else ""
        value = f" “{p.value}”" if p.value else ""
        yield f"  {where}{column}:{value} {p.message}"


class ImportCommand(BaseCommand):
    """An import from a file: plan it (every problem at once), print what it would do, then commit it all or
    nothing, unless --dry-run or the file was already imported. A subclass says how to plan, describe and commit."""

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show the preview only.")

    def plan(self, data, name, actor, **options):
        raise NotImplementedError

    def describe(self, plan) -> str:
        raise NotImplementedError

    def commit(self, plan, actor):
        """Commit the plan; return the line saying what was imported."""
        raise NotImplementedError

    def handle(self, *args, file, **options):
        with translation.override("vi"):
            self.prepare(**options)
            data, name = read_file(file)
            actor = user_named(options.get("user"))
            try:
                plan = self.plan(data, name, actor, **options)
                if not plan.ok:
                    raise ImportRefused(_("The file has %(count)s error(s): nothing was imported.")
                                        % {"count": len(plan.problems)}, plan.problems)
                self.stdout.write(self.describe(plan))
                if options["dry_run"]:
                    return
                if plan.already is not None:
                    self.stdout.write(_("This file was already imported on %(date)s: nothing changed.")
                                      % {"date": plan.already.imported_at.strftime("%d/%m/%Y %H:%M")})
                    return
                done = self.commit(plan, actor)
            except ImportRefused as error:
                for line in problem_lines(error.problems):
                    self.stderr.write(line)
                raise CommandError(error.message) from None
            self.stdout.write(done)

    def prepare(self, **options):
        """Check the command's own arguments before the file is read."""
