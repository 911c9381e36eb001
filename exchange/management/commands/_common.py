"""What the two import commands share: reading the file (its size checked first), the user, the problems."""

from pathlib import Path

from django.core.management.base import CommandError
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
