"""The figures behind /statistics/: aggregates of the registry on a day, in a fixed number of queries.

Whether a product is OCOP on a day comes only from certificates/standing.py (`annotate_recognised`): the figures
group its answer, they never decide it. The public figures are plain data (names and numbers, no translated text),
so one cached copy serves every language; the charts' titles and labels are put on by the view.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear

from certificates.standing import annotate_recognised
from evaluation.enums import Outcome, RoundState
from evaluation.models import CouncilMember, CriteriaPart, Criterion, Enrolment, Recognition
from evaluation.queries import rounds_for_user
from ocop.cache import remember
from products.models import Product

QUARTERS_AHEAD = 8


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def next_quarters(day: datetime.date, count: int = QUARTERS_AHEAD) -> list[tuple[int, int]]:
    """The quarter of `day` and the ones after it: [(2026, 4), (2027, 1), ...]."""
    year, quarter = quarter_of(day)
    out = []
    for _i in range(count):
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def _last_day_of(year: int, quarter: int) -> datetime.date:
    return datetime.date(year + 1, 1, 1) - datetime.timedelta(days=1) if quarter == 4 else \
        datetime.date(year, quarter * 3 + 1, 1) - datetime.timedelta(days=1)


def public_figures(day: datetime.date, province_id: int | None = None) -> dict:
    """What the public page shows for `day` (and one province, or all), computed at most once in
    OCOP_PUBLIC_COUNTS_SECONDS for every server: keyed on the day, so a new day is counted anew."""
    key = f"stats:public:{day.isoformat()}:{province_id or 'all'}"
    return remember(key, settings.OCOP_PUBLIC_COUNTS_SECONDS, lambda: _public_figures(day, province_id))


def _public_figures(day, province_id):
    products = Product.objects.all()
    recognitions = Recognition.objects.filter(decision__signed_on__lte=day)
    if province_id:
        products = products.filter(producer__province_id=province_id)
        recognitions = recognitions.filter(product__producer__province_id=province_id)
    recognised = annotate_recognised(products, day)

    def grouped(*fields, order=None):
        rows = recognised.values(*fields).annotate(n=Count("pk")).order_by(*(order or ["-n", *fields]))
        return [(*(row[f] for f in fields), row["n"]) for row in rows]

    quarters = next_quarters(day)
    last = _last_day_of(*quarters[-1])
    expiring = (recognised.filter(governing__expires_on__lte=last)
                .annotate(y=ExtractYear("governing__expires_on"), q=ExtractQuarter("governing__expires_on"))
                .values("y", "q").annotate(n=Count("pk")).order_by("y", "q"))
    by_quarter = {(row["y"], row["q"]): row["n"] for row in expiring}
    history = (recognitions.values("decision__year", "stars").annotate(n=Count("pk"))
               .order_by("decision__year", "stars"))
    return {
        "day": day,
        "producers": recognised.values("producer_id").distinct().count(),
        "stars": grouped("standing_stars", order=["standing_stars"]),
        "provinces": grouped("producer__province__short_name"),
        # by id too: two communes of one name are two rows
        "communes": [row[1:] for row in grouped("producer__commune_id", "producer__commune__name",
                                                  "producer__commune__province__short_name",
                                                  order=["-n", "producer__commune__name", "producer__commune_id"])],
        "districts": grouped("producer__historical_district__name", "producer__province__short_name"),
        "product_sets": grouped("group__scheme", "group__name"),
        "sectors": grouped("group__scheme", "group__sector"),
        "years": grouped("standing_year", "standing_stars", order=["standing_year", "standing_stars"]),
        "expiring": [(year, quarter, by_quarter.get((year, quarter), 0)) for year, quarter in quarters],
        "history": [(row["decision__year"], row["stars"], row["n"]) for row in history],
    }


@dataclass
class RoundProgress:
    round: object
    enrolled: int = 0
    complete: int = 0  # every member's sheet filled for the product
    scored: int = 0  # a result staged (points and outcome computed)
    decided: int = 0  # in a decided round


def round_progress(user, day: datetime.date, province_id: int | None = None) -> list[RoundProgress]:
    """The progress of the rounds the user may see (accounts' scope rule, through rounds_for_user): those still
    open, and those decided in the year of `day`. Five queries whatever the rounds and products."""
    open_or_recent = Q(state__in=[RoundState.DRAFT, RoundState.SCORING, RoundState.SCORED]) | Q(
        state=RoundState.DECIDED, year=day.year)
    rounds = rounds_for_user(user).filter(open_or_recent)
    if province_id:
        rounds = rounds.filter(province_id=province_id)
    rounds = list(rounds.order_by("-year", "province__short_name", "level", "number"))
    if not rounds:
        return []
    ids = [r.pk for r in rounds]
    members = dict(CouncilMember.objects.filter(round_id__in=ids).values("round_id").annotate(n=Count("pk"))
                   .values_list("round_id", "n"))
    sets = {r.criteria_set_id for r in rounds}
    parts = dict(CriteriaPart.objects.filter(criteria_set_id__in=sets).values("criteria_set_id")
                 .annotate(n=Count("pk")).values_list("criteria_set_id", "n"))
    # A round scored per criterion has, for a product group with a detailed sheet, one column per criterion;
    # else one per part (evaluation.services.score_columns).
    criteria = {(row["part__criteria_set_id"], row["product_group_id"]): row["n"] for row in
                Criterion.objects.filter(part__criteria_set_id__in=sets).values("part__criteria_set_id",
                                                                                 "product_group_id")
                .annotate(n=Count("pk"))}
    progress = {r.pk: RoundProgress(r) for r in rounds}
    enrolments = (Enrolment.objects.filter(round_id__in=ids).annotate(cells=Count("scores"))
                  .values_list("round_id", "product__group_id", "outcome", "cells"))
    for round_id, group_id, outcome, cells in enrolments:
        p = progress[round_id]
        r = p.round
        columns = (criteria.get((r.criteria_set_id, group_id)) if r.detailed_scoring else None) or \
            parts.get(r.criteria_set_id, 0)
        p.enrolled += 1
        if members.get(round_id) and cells >= members[round_id] * columns:
            p.complete += 1
        if outcome != Outcome.PENDING:
            p.scored += 1
        if r.state == RoundState.DECIDED:
            p.decided += 1
    return list(progress.values())
