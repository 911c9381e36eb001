"""Reads of the evaluation app, scoped by role."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import PROVINCE_ROLES, Role
from accounts.scoping import scoped
from evaluation.enums import ENROLMENT_OPEN_IN, Outcome, RoundState
from evaluation.models import CouncilMember, Criterion, Decision, Enrolment, EvaluationRound, Recognition, Score
from evaluation.services import columns_by_group, member_totals


def rounds_for_user(user) -> QuerySet[EvaluationRound]:
    """Staff and officials: their province's rounds; administrators: all; producers and anonymous: none."""
    qs = EvaluationRound.objects.select_related("province", "criteria_set", "period", "decision")
    return scoped(qs, user, province="province_id")


def open_rounds(user) -> QuerySet[EvaluationRound]:
    """The user's rounds that still take products: where staff accept a submitted dossier."""
    return rounds_for_user(user).filter(state__in=ENROLMENT_OPEN_IN).order_by("-year", "-number")


def enrolments_for_user(user) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(round__in=rounds_for_user(user))


def evaluations_of(product, user) -> list[Enrolment]:
    """Every round the product was in. A producer sees points and stars only once the round is decided
    (staged results are not theirs to see); staff and officials see them as they are."""
    enrolments = list(product.enrolments.select_related("round", "round__decision", "round__province")
                      .order_by("round__starts_on"))
    if not (user.is_administrator or user.role in PROVINCE_ROLES):
        for enrolment in enrolments:
            if enrolment.round.state != RoundState.DECIDED:
                enrolment.points = enrolment.stars = None
                enrolment.outcome = Outcome.PENDING
                enrolment.potential_five = False
    return enrolments


# --- the score sheet ----------------------------------------------------------------------------

@dataclass
class SheetRow:
    enrolment: Enrolment
    columns: list
    detailed: bool
    scores: dict  # (member_id, column key) -> Decimal
    totals: dict  # member_id -> Decimal
    members: list = field(default_factory=list)

    @property
    def totals_in_order(self):
        return [(m, self.totals.get(m.pk)) for m in self.members]


def score_sheet(round_, enrolment_ids=None) -> tuple[list[CouncilMember], list[SheetRow]]:
    """Everything the sheet shows, in a fixed number of queries whatever the products and members."""
    members = list(round_.members.all())
    enrolments = round_.enrolments.select_related("product", "product__producer", "product__group").prefetch_related(
        Prefetch("scores", queryset=Score.objects.only("enrolment_id", "member_id", "part_id", "criterion_id",
                                                       "points")))
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=enrolment_ids)
    enrolments = list(enrolments)
    columns_of = columns_by_group(round_, [e.product.group_id for e in enrolments])
    rows = []
    for enrolment in enrolments:
        columns = columns_of[enrolment.product.group_id]
        scores = {(s.member_id, f"c{s.criterion_id}" if s.criterion_id else f"p{s.part_id}"): s.points
                  for s in enrolment.scores.all()}
        rows.append(SheetRow(enrolment, columns, bool(columns and columns[0].criterion_id), scores,
                             member_totals(enrolment), members))
    return members, rows


# Django refuses a POST of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) fields; a page of the sheet holds
# at most this many, leaving room for the CSRF token and the correction's reason.
SHEET_PAGE_FIELDS = 990
FIELDS_PER_PRODUCT = 3  # its version, its fingerprint and its knock-out note, beside the cells


def sheet_pages(round_, budget=SHEET_PAGE_FIELDS) -> list[list[int]]:
    """The score sheet of a round, cut into pages of whole products (in their order) of at most `budget`
    fields each, so that saving a page never meets Django's field limit: 45 products × 7 members fit on two
    pages, 100 products × 9 members scored per criterion on about 35. Three queries."""
    members = round_.members.count()
    enrolments = list(round_.enrolments.order_by("position", "pk").values_list("pk", "product__group_id"))
    columns_of = columns_by_group(round_, [group for _pk, group in enrolments])
    pages, page, used = [], [], 0
    for pk, group in enrolments:
        size = members * len(columns_of[group]) + FIELDS_PER_PRODUCT
        if page and used + size > budget:
            pages.append(page)
            page, used = [], 0
        page.append(pk)
        used += size
    return [*pages, page] if page else pages


# --- the round report ---------------------------------------------------------------------------

@dataclass
class RoundReport:
    round: EvaluationRound
    members: list
    rows: list
    stars: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)

    @property
    def recognised(self):
        return sum(self.stars.values())

    def as_dict(self):
        decision = getattr(self.round, "decision", None)
        return {
            "province": self.round.province.short_name if self.round.province else None,
            "unit": self.round.unit_name,
            "year": self.round.year,
            "number": self.round.number,
            "level": self.round.level,
            "state": self.round.state,
            "criteria_set": self.round.criteria_set.decision,
            "decision": {"number": decision.number, "date": decision.signed_on.strftime("%d/%m/%Y"),
                         "signer": decision.signer_name} if decision else None,
            "products": len(self.rows),
            "stars": {str(k): v for k, v in sorted(self.stars.items())},
            "results": [
                {"product": r.enrolment.product.name, "producer": r.enrolment.product.producer.name,
                 "points": str(r.enrolment.points) if r.enrolment.points is not None else None,
                 "stars": r.enrolment.stars, "outcome": r.enrolment.outcome,
                 "potential_five": r.enrolment.potential_five,
                 "member_totals": [str(r.totals.get(m.pk)) if m.pk in r.totals else None for m in self.members]}
                for r in self.rows
            ],
        }


def round_report(round_) -> RoundReport:
    members, rows = score_sheet(round_)
    stars = Counter(r.enrolment.stars for r in rows if r.enrolment.outcome == Outcome.RECOGNISED)
    outcomes = Counter(r.enrolment.outcome for r in rows)
    return RoundReport(round_, members, rows, dict(stars), dict(outcomes))


# --- audit history ------------------------------------------------------------------------------

@dataclass
class HistoryEntry:
    when: object
    who: object
    what: str
    changes: list  # (field label, old, new)
    reason: str


def _display(model, name, value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = dict(model._meta.get_field(name).flatchoices)
    return choices.get(value, value) if choices else value


def _entries(history_qs, describe, fields):
    """One entry per historical row, with the fields that changed since the previous row of that object."""
    model = history_qs.model.instance_type
    previous = {}
    entries = []
    for record in history_qs.order_by("history_date", "history_id"):
        before = previous.get(record.id)
        changes = []
        for name, label in fields:
            new = getattr(record, name)
            old = getattr(before, name) if before is not None else None
            if record.history_type == "-":
                changes.append((label, _display(model, name, new), None))
            elif before is None or old != new:
                if before is None and new in (None, "", False) and record.history_type == "+":
                    continue
                changes.append((label, _display(model, name, old), _display(model, name, new)))
        previous[record.id] = record
        if changes or record.history_type != "~":
            entries.append(HistoryEntry(record.history_date, record.history_user, describe(record), changes,
                                        record.history_change_reason or ""))
    return entries


def round_history(round_, enrolment=None) -> list[HistoryEntry]:
    """Who changed what in a round — state, council, scores, results, decision — newest first.
    With `enrolment`, only what concerns that product."""
    members = {m.pk: m.name for m in round_.members.all()}
    enrolment_qs = round_.enrolments.select_related("product")
    if enrolment is not None:
        enrolment_qs = enrolment_qs.filter(pk=enrolment.pk)
    enrolments = {e.pk: e.product.name for e in enrolment_qs}
    parts = {p.pk: p.code for p in round_.criteria_set.parts.all()}
    criteria = dict(Criterion.objects.filter(part__criteria_set=round_.criteria_set).values_list("pk", "code"))
    entries = []
    if enrolment is None:
        entries += _entries(EvaluationRound.history.filter(id=round_.pk).select_related("history_user"),
                            lambda r: _("Round"), [("state", _("state"))])
    entries += _entries(Enrolment.history.filter(id__in=list(enrolments)).select_related("history_user"),
                        lambda r: enrolments.get(r.id, "?"),
                        [("points", _("points")), ("stars", _("stars")), ("outcome", _("result")),
                         ("knockout_note", _("knock-out")), ("needs_rescoring", _("to be re-scored"))])
    entries += _entries(
        Score.history.filter(enrolment_id__in=list(enrolments)).select_related("history_user"),
        lambda r: _("%(product)s — %(member)s, %(column)s") % {
            "product": enrolments.get(r.enrolment_id, "?"), "member": members.get(r.member_id, "?"),
            "column": criteria.get(r.criterion_id) if r.criterion_id else parts.get(r.part_id)},
        [("points", _("points"))])
    decision = Decision.objects.filter(round=round_).first()
    if decision:
        if enrolment is None:
            entries += _entries(Decision.history.filter(id=decision.pk).select_related("history_user"),
                                lambda r: _("Decision %(number)s") % {"number": r.number},
                                [("number", _("number")), ("signed_on", _("date signed")),
                                 ("signer_name", _("signed by"))])
        entries += _entries(
            Recognition.history.filter(decision_id=decision.pk, enrolment_id__in=list(enrolments))
            .select_related("history_user"),
            lambda r: _("Recognition of %(product)s") % {"product": enrolments.get(r.enrolment_id)},
            [("stars", _("stars")), ("points", _("points"))])
    return sorted(entries, key=lambda e: e.when, reverse=True)


def product_page_context(sender, *, product, user, **kwargs) -> dict:
    """Receiver of products' `product_page` (connected in evaluation.apps): every round the product was in; its
    evaluation history for staff, officials and administrators (never for its producer)."""
    ctx = {"evaluations": evaluations_of(product, user)}
    if user.is_administrator or user.role != Role.PRODUCER:
        history = product_history(product)
        ctx.update(history=history[:100], history_count=len(history))
    return ctx


def product_history(product) -> list[HistoryEntry]:
    """A product's evaluation history over every round it was in (for staff)."""
    entries = []
    for enrolment in product.enrolments.select_related("round", "round__criteria_set"):
        entries += round_history(enrolment.round, enrolment=enrolment)
    return sorted(entries, key=lambda e: e.when, reverse=True)


# --- the round's history, by change -------------------------------------------------------------
# A change is what one person saved at once: the history rows of one user in the same second with the same
# reason, across the round, its council, its products' results and scores, its decision and recognitions. The
# page of changes is cut in SQL (grouped and paginated over a UNION of the history tables); only then are that
# page's rows read, each with its previous value from a correlated subquery: a fixed number of queries, and
# memory bounded by the page, whatever the round's size.

CHANGES_PER_PAGE = 25

# kind -> (model, fields shown, the WHERE that ties its history rows to the round)
_HISTORY_KINDS = {
    "round": (EvaluationRound, ("state", "number", "starts_on", "ends_on", "detailed_scoring", "max_spread",
                                "quorum"), "id = %s"),
    "member": (CouncilMember, ("name", "role", "title", "unit", "position"), "round_id = %s"),
    "enrolment": (Enrolment, ("points", "stars", "outcome", "knockout_note", "needs_rescoring"), "round_id = %s"),
    "score": (Score, ("points",), "enrolment_id IN (SELECT id FROM {enrolments} WHERE round_id = %s)"),
    "decision": (Decision, ("number", "signed_on", "signer_name"), "round_id = %s"),
    "recognition": (Recognition, ("stars", "points"),
                    "decision_id IN (SELECT id FROM {decisions} WHERE round_id = %s)"),
}


def _second(column):
    if connection.vendor == "postgresql":
        return f"date_trunc('second', {column})"
    return f"strftime('%%Y-%%m-%%d %%H:%%M:%%S', {column})"


def _history_union():
    tables = {"enrolments": Enrolment.history.model._meta.db_table,
              "decisions": Decision.history.model._meta.db_table}
    parts = []
    for kind, (model, _fields, where) in _HISTORY_KINDS.items():
        table = model.history.model._meta.db_table
        parts.append(f"SELECT '{kind}' AS kind, history_date, COALESCE(history_user_id, 0) AS uid, "  # noqa: S608 — names ours
                     f"COALESCE(history_change_reason, '') AS reason, {_second('history_date')} AS sec "
                     f"FROM {table} WHERE {where.format(**tables)}")
    return " UNION ALL ".join(parts), len(parts)


@dataclass
class Change:
    """One save: who, when, why, how many rows of each kind, and (on expand) the rows."""

    who: object
    first: object
    last: object
    reason: str
    counts: dict
    key: tuple
    rows: list = field(default_factory=list)  # (what, [(label, old, new)], kind, enrolment id)

    @property
    def summary(self):
        return "; ".join(self._phrases()) or _("changes")

    def _phrases(self):
        products = len({row[3] for row in self.rows if row[2] == "score"})
        for kind, count in self.counts.items():
            if kind == "score":
                yield ngettext("%(count)s score for %(products)s product", "%(count)s scores for %(products)s "
                               "products", count) % {"count": count, "products": products}
            elif kind == "enrolment":
                yield ngettext("%(count)s product's result", "%(count)s products' results", count) % {
                    "count": count}
            elif kind == "member":
                yield ngettext("%(count)s change to the council", "%(count)s changes to the council", count) % {
                    "count": count}
            elif kind == "recognition":
                yield ngettext("%(count)s recognition", "%(count)s recognitions", count) % {"count": count}
            elif kind == "decision":
                yield _("the decision")
            else:
                yield _("the round")


@dataclass
class ChangePage:
    changes: list
    number: int
    count: int
    per_page: int

    @property
    def pages(self):
        return max(1, -(-self.count // self.per_page))

    @property
    def has_next(self):
        return self.number < self.pages


def round_changes(round_, page=1, per_page=CHANGES_PER_PAGE) -> ChangePage:
    """A page of the round's history, newest change first. Two queries for the page of changes (its count and
    its groups), then one per kind of row present on the page, and one for the users."""
    union, parts = _history_union()
    params = [round_.pk] * parts
    grouped = f"SELECT uid, sec, reason FROM ({union}) h GROUP BY uid, sec, reason"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({grouped}) g", params)  # noqa: S608
        count = cursor.fetchone()[0]
        pages = max(1, -(-count // per_page))
        page = min(max(1, page), pages)
        cursor.execute(
            f"SELECT uid, sec, reason, kind, COUNT(*), MIN(history_date), MAX(history_date) FROM ({union}) h "  # noqa: S608
            f"WHERE (uid, sec, reason) IN ({grouped} ORDER BY MAX(history_date) DESC, uid, reason "
            f"LIMIT %s OFFSET %s) GROUP BY uid, sec, reason, kind",
            [*params, *params, per_page, (page - 1) * per_page])
        found = cursor.fetchall()
    changes = {}
    for uid, sec, reason, kind, n, first, last in found:
        first, last = _moment(first), _moment(last)
        key = (uid, _sec_key(sec), reason)
        change = changes.setdefault(key, Change(uid, first, last, reason, {}, key))
        change.counts[kind] = n
        change.first, change.last = min(change.first, first), max(change.last, last)
    if not changes:
        return ChangePage([], page, count, per_page)
    users = get_user_model().objects.in_bulk({c.who for c in changes.values() if c.who})
    start, end = min(c.first for c in changes.values()), max(c.last for c in changes.values())
    for change in changes.values():
        change.who = users.get(change.who)
    _fill_rows(round_, changes, {kind for c in changes.values() for kind in c.counts}, start, end)
    ordered = sorted(changes.values(), key=lambda c: c.last, reverse=True)
    return ChangePage(ordered, page, count, per_page)


def _fill_rows(round_, changes, kinds, start, end):
    """The page's rows, each with its previous values, put into their change (one query per kind)."""
    names = _names(round_)
    for kind in kinds:
        model, fields, _where = _HISTORY_KINDS[kind]
        history = model.history.model
        qs = history.objects.filter(history_date__gte=start, history_date__lte=end)
        qs = {"round": lambda q: q.filter(id=round_.pk),
              "member": lambda q: q.filter(round_id=round_.pk),
              "enrolment": lambda q: q.filter(round_id=round_.pk),
              "score": lambda q: q.filter(enrolment_id__in=Enrolment.history.filter(round_id=round_.pk)
                                          .values("id")),
              "decision": lambda q: q.filter(round_id=round_.pk),
              "recognition": lambda q: q.filter(decision_id__in=Decision.history.filter(round_id=round_.pk)
                                                .values("id"))}[kind](qs)
        earlier = history.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date")).order_by(
            "-history_date", "-history_id")
        qs = qs.annotate(**{f"was_{name}": Subquery(earlier.values(name)[:1]) for name in fields},
                         had_before=Exists(earlier))
        for record in qs.order_by("history_date", "history_id"):
            key = (record.history_user_id or 0, _sec_key(record.history_date), record.history_change_reason or "")
            change = changes.get(key)
            if change is None:
                continue
            diffs = []
            for name in fields:
                new, old = getattr(record, name), getattr(record, f"was_{name}")
                label = model._meta.get_field(name).verbose_name
                if record.history_type == "-":
                    diffs.append((label, _display(model, name, new), None))
                elif record.history_type == "+" or not record.had_before:
                    if new not in (None, "", False):
                        diffs.append((label, None, _display(model, name, new)))
                elif old != new:
                    diffs.append((label, _display(model, name, old), _display(model, name, new)))
            if diffs or record.history_type != "~":
                change.rows.append((names(kind, record), diffs, kind, getattr(record, "enrolment_id", None)))


def _moment(value):
    """A datetime read by a raw query: SQLite gives its text (in UTC)."""
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
    return value


def _sec_key(moment):
    """The second a row was saved, the same whether read from the grouping query (a text on SQLite, a datetime
    on PostgreSQL) or from a history row."""
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return str(moment)[:19]


def _names(round_):
    """What a history row is about, in words (products, members, columns: three small queries)."""
    products = dict(Enrolment.history.filter(round_id=round_.pk).values_list("id", "product__name").distinct())
    members = dict(CouncilMember.history.filter(round_id=round_.pk).values_list("id", "name").order_by("history_id"))
    columns = {**{f"p{pk}": code for pk, code in round_.criteria_set.parts.values_list("pk", "code")},
               **{f"c{pk}": code for pk, code in Criterion.objects.filter(
                   part__criteria_set=round_.criteria_set).values_list("pk", "code")}}

    def name(kind, r):
        if kind == "score":
            column = columns.get(f"c{r.criterion_id}" if r.criterion_id else f"p{r.part_id}", "?")
            return _("%(product)s — %(member)s, %(column)s") % {
                "product": products.get(r.enrolment_id, "?"), "member": members.get(r.member_id, "?"),
                "column": column}
        if kind == "enrolment":
            return products.get(r.id, "?")
        if kind == "member":
            return _("Council: %(name)s") % {"name": r.name}
        if kind == "decision":
            return _("Decision %(number)s") % {"number": r.number}
        if kind == "recognition":
            return _("Recognition of %(product)s") % {"product": products.get(r.enrolment_id, "?")}
        return _("Round")

    return name
