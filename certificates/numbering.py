"""Certificate numbers: a pattern per province, a sequence per province and year."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELDS = {"province": 12, "year": 2020, "seq": 1}
# What a certificate number can look like (ASCII letters, digits, "-", "." and "_"): anything else is no number,
# looked up nowhere (a NUL byte, for one, is refused by PostgreSQL).
NUMBER_SHAPE = re.compile(r"[A-Za-z0-9._-]{1,60}", re.ASCII)


def format_number(pattern: str, *, province: int, year: int, seq: int) -> str:
    return pattern.format(province=province, year=year, seq=seq).upper()


def validate_pattern(pattern: str) -> None:
    """A pattern must hold {province}, {year} and {seq} (numbers are unique nationwide) and make a URL-safe
    number."""
    try:
        sample = format_number(pattern, **FIELDS)
    except (KeyError, IndexError, ValueError):
        raise ValidationError(_("Use only {province}, {year} and {seq} in the pattern.")) from None
    if "{seq" not in pattern or "{year" not in pattern or "{province" not in pattern:
        raise ValidationError(_("The pattern must contain {province}, {year} and {seq}."))
    if not all(ch.isalnum() or ch in "-._" for ch in sample):
        raise ValidationError(_("Numbers may contain only letters, digits, “-”, “.” and “_”."))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; when that month is too short (29/02 → 2023), the first day after it."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    try:
        return day.replace(year=year, month=month)
    except ValueError:
        return datetime.date(year + month // 12, month % 12 + 1, 1)


def valid_until(issued_on: datetime.date, months: int) -> datetime.date:
    """The last day of validity: `months` after the decision date, the day before the same date."""
    return add_months(issued_on, months) - datetime.timedelta(days=1)
