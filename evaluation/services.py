"""Writes of the evaluation app, as verbs. Each is atomic, checks its preconditions and raises an
EvaluationError with a translated message. No status is assigned anywhere else."""

import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from evaluation.authorities import authority_for
from evaluation.enums import (
    ENROLMENT_OPEN_IN,
    ROUND_TRANSITIONS,
    SCORES_EDITABLE_IN,
    CouncilLevel,
    MemberRole,
    Outcome,
    RoundState,
)
from evaluation.errors import EvaluationError, RoundLocked, ScoreConflict
from evaluation.models import (
    CouncilMember,
    Criterion,
    Decision,
    Enrolment,
    EvaluationRound,
    LevelRule,
    Recognition,
    RecognitionPeriod,
    Score,
)
from evaluation.rules import council_result, quorum_met, spread
from evaluation.signals import decision_finalised, decision_previewed, scores_corrected
from ocop.text import points_text
from products.enums import ProductStatus
from products.services import set_product_status


def _stamp(instance, actor, reason=""):
    """Tell the audit history who made this change and why."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    return instance


# --- rounds -------------------------------------------------------------------------------------

def _day(value):
    return value.strftime("%d/%m/%Y")


def _check_unit(level, province, district, commune):
    """A round belongs to the unit whose council meets; returns the round's province (none when central)."""
    if level == CouncilLevel.CENTRAL:
        return None
    if province is None:
        raise EvaluationError(_("Choose the province of the round."))
    if level == CouncilLevel.DISTRICT and (district is None or district.province_id != province.pk):
        raise EvaluationError(_("A district round needs one of the province's districts."))
    if level == CouncilLevel.COMMUNE and (commune is None or commune.province_id != province.pk):
        raise EvaluationError(_("A commune round needs one of the province's communes."))
    return province


def _same_number(level, province, district, commune, year, number):
    unit = {CouncilLevel.DISTRICT: {"district": district}, CouncilLevel.COMMUNE: {"commune": commune},
            CouncilLevel.PROVINCE: {"province": province}, CouncilLevel.CENTRAL: {}}[CouncilLevel(level)]
    return EvaluationRound.objects.filter(level=level, year=year, number=number, **unit).exclude(
        state=RoundState.CANCELLED).exists()  # a cancelled round frees its number


PLANNING_HORIZON_DAYS = 366


@transaction.atomic
def create_round(*, province=None, number, starts_on, actor, year=None, level=CouncilLevel.PROVINCE, district=None,
                 commune=None, criteria_set=None, **options):
    """A round of the council of a province, one of its districts (1048 and 148 eras), one of its communes
    (screening, from 26/2026) or the central level. It takes the rules in force on the day the council meets,
    and that day's year: "Đợt 1 năm 2024" is the council that met in 2024."""
    if year is not None and year != starts_on.year:
        raise EvaluationError(_("The council meets on %(date)s: the round belongs to %(year)s.")
                              % {"date": _day(starts_on), "year": starts_on.year})
    year = starts_on.year
    horizon = timezone.localdate() + datetime.timedelta(days=PLANNING_HORIZON_DAYS)
    for day in (starts_on, options.get("ends_on")):
        if day and day > horizon:
            raise EvaluationError(_("A round is planned at most a year ahead: %(date)s is too far.")
                                  % {"date": _day(day)})
    period = RecognitionPeriod.for_date(starts_on)
    if period is None:
        raise EvaluationError(_("No OCOP rules apply on %(date)s.") % {"date": _day(starts_on)})
    rule = LevelRule.objects.filter(period=period, level=level).first()
    if rule is None or rule.abolished:
        raise EvaluationError(_("There is no council at this level in the period %(period)s.") % {"period": period})
    if criteria_set is not None and criteria_set != period.criteria_set:
        raise EvaluationError(_("On %(date)s the criteria set in force is %(set)s.")
                              % {"date": _day(starts_on), "set": period.criteria_set})
    province = _check_unit(level, province, district, commune)
    district = district if level == CouncilLevel.DISTRICT else None
    commune = commune if level == CouncilLevel.COMMUNE else None
    if _same_number(level, province, district, commune, year, number):
        raise EvaluationError(_("Round %(number)s of %(year)s already exists at this level.")
                              % {"number": number, "year": year})
    round_ = EvaluationRound(province=province, level=level, district=district, commune=commune, year=year,
                             number=number, starts_on=starts_on, period=period, criteria_set=period.criteria_set,
                             created_by=actor, **options)
    try:
        with transaction.atomic():
            _stamp(round_, actor).save()
    except IntegrityError:  # created at the same moment by someone else
        raise EvaluationError(_("Round %(number)s of %(year)s already exists at this level.")
                              % {"number": number, "year": year}) from None
    return round_


def _release(round_, actor, reason):
    """A cancelled round lets its products go: back to the dossiers waiting for a round, or to their earlier
    evaluation if they had one."""
    for enrolment in round_.enrolments.select_related("product"):
        product = enrolment.product
        if product.status != ProductStatus.IN_EVALUATION:
            continue
        decided_before = product.enrolments.filter(round__state=RoundState.DECIDED).exists()
        set_product_status(product, ProductStatus.DECIDED if decided_before else ProductStatus.SUBMITTED,
                           actor=actor, reason=reason or _("The round was cancelled."))


@transaction.atomic
def set_round_state(round_, new_state, *, actor, reason="", _finalising=False):
    """The only way a round changes state. Refuses with the reason why."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    current = RoundState(round_.state)
    new_state = RoundState(new_state)
    if new_state not in ROUND_TRANSITIONS[current]:
        raise EvaluationError(_("A round that is “%(current)s” cannot become “%(new)s”.")
                              % {"current": current.label, "new": new_state.label})
    if new_state == RoundState.DECIDED and not _finalising:
        raise EvaluationError(_("A round is decided only by finalising its decision."))
    if new_state == RoundState.SCORING and not round_.members.filter(role=MemberRole.CHAIR).exists():
        raise EvaluationError(_("The council needs a chair before scoring opens."))
    if new_state == RoundState.SCORED:
        problems = closing_problems(round_)
        if problems:
            raise EvaluationError(_("Scoring cannot be closed: %(problems)s") % {"problems": "; ".join(problems)})
    round_.state = new_state
    _stamp(round_, actor, reason).save(update_fields=["state"])
    if new_state == RoundState.CANCELLED:
        _release(round_, actor, reason)
    return round_


ROUND_EDITABLE = ("number", "starts_on", "ends_on", "detailed_scoring", "max_spread", "quorum")


def _draft(round_, message):
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state != RoundState.DRAFT:
        raise EvaluationError(message)
    return round_


@transaction.atomic
def edit_round(round_, *, actor, reason="", **changes):
    """Correct a draft round: its number, dates and options (never its state: set_round_state owns it). The
    rules in force must stay those of its first day's period; the number stays free in its unit and year."""
    round_ = _draft(round_, _("A round can be corrected only while it is a draft."))
    unknown = set(changes) - set(ROUND_EDITABLE)
    if unknown:
        raise EvaluationError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    starts_on = changes.get("starts_on", round_.starts_on)
    ends_on = changes.get("ends_on", round_.ends_on)
    if ends_on and ends_on < starts_on:
        raise EvaluationError(_("The round cannot end before it starts."))
    if starts_on.year != round_.year:
        raise EvaluationError(_("The council meets on %(date)s: the round belongs to %(year)s.")
                              % {"date": _day(starts_on), "year": starts_on.year})
    horizon = timezone.localdate() + datetime.timedelta(days=PLANNING_HORIZON_DAYS)
    for day in (starts_on, ends_on):
        if day and day > horizon:
            raise EvaluationError(_("A round is planned at most a year ahead: %(date)s is too far.")
                                  % {"date": _day(day)})
    if RecognitionPeriod.for_date(starts_on) != round_.period:
        raise EvaluationError(_("On %(date)s other OCOP rules apply: open a new round instead.")
                              % {"date": _day(starts_on)})
    number = changes.get("number", round_.number)
    if number != round_.number and _same_number(round_.level, round_.province, round_.district, round_.commune,
                                                round_.year, number):
        raise EvaluationError(_("Round %(number)s of %(year)s already exists at this level.")
                              % {"number": number, "year": round_.year})
    changed = [name for name, value in changes.items() if getattr(round_, name) != value]
    if not changed:
        return round_
    for name in changed:
        setattr(round_, name, changes[name])
    try:
        with transaction.atomic():
            _stamp(round_, actor, reason or _("Round corrected while a draft.")).save(update_fields=changed)
    except IntegrityError:
        raise EvaluationError(_("Round %(number)s of %(year)s already exists at this level.")
                              % {"number": number, "year": round_.year}) from None
    return round_


def _one_chair(round_, role, member=None):
    others = round_.members.filter(role=MemberRole.CHAIR)
    if member is not None:
        others = others.exclude(pk=member.pk)
    if role == MemberRole.CHAIR and others.exists():
        raise EvaluationError(_("The council already has a chair."))


@transaction.atomic
def add_member(round_, *, name, role=MemberRole.MEMBER, title="", unit="", position=None, actor):
    round_ = _draft(round_, _("The council can be changed only while the round is a draft."))
    _one_chair(round_, role)
    if position is None:
        position = (round_.members.aggregate(m=Max("position"))["m"] or 0) + 1
    member = CouncilMember(round=round_, name=name, role=role, title=title, unit=unit, position=position)
    _stamp(member, actor).save()
    return member


@transaction.atomic
def edit_member(member, *, actor, **changes):
    """Correct a member of a draft round's council: name, role, title, unit."""
    _draft(member.round, _("The council can be changed only while the round is a draft."))
    member = CouncilMember.objects.select_for_update().get(pk=member.pk)
    _one_chair(member.round, changes.get("role", member.role), member)
    changed = [name for name in ("name", "role", "title", "unit") if name in changes
               and getattr(member, name) != changes[name]]
    for name in changed:
        setattr(member, name, changes[name])
    if changed:
        _stamp(member, actor).save(update_fields=changed)
    return member


@transaction.atomic
def move_member(member, *, step, actor):
    """Move a member one place up (step -1) or down (+1) in the council's order: positions are renumbered
    1..n so that the order is always explicit."""
    round_ = _draft(member.round, _("The council can be changed only while the round is a draft."))
    members = list(round_.members.select_for_update().order_by("position", "pk"))
    index = next(i for i, m in enumerate(members) if m.pk == member.pk)
    other = index + step
    if 0 <= other < len(members):
        members[index], members[other] = members[other], members[index]
    for position, m in enumerate(members, start=1):
        if m.position != position:
            m.position = position
            _stamp(m, actor).save(update_fields=["position"])


@transaction.atomic
def remove_member(member, *, actor, reason=""):
    """Remove a member from a draft round's council (no score can exist yet: scoring has not opened)."""
    _draft(member.round, _("The council can be changed only while the round is a draft."))
    if member.scores.exists():
        raise EvaluationError(_("This member already has scores: the council can no longer change."))
    _stamp(member, actor, reason).delete()


def _may_enter(round_, product):
    """Why `product` may not enter `round_`, or None."""
    producer = product.producer
    if round_.level == CouncilLevel.CENTRAL:
        if not product.enrolments.filter(round__state=RoundState.DECIDED, proposed_upward=True).exists():
            return _("“%(product)s” was not proposed to the central level by a decided round.") % {
                "product": product.name}
        return None
    if producer.province_id != round_.province_id:
        return _("“%(product)s” is not a product of %(province)s.") % {
            "product": product.name, "province": round_.province.short_name}
    if round_.level == CouncilLevel.DISTRICT and producer.historical_district_id != round_.district_id:
        return _("“%(product)s” is not a product of %(unit)s.") % {"product": product.name, "unit": round_.unit_name}
    if round_.level == CouncilLevel.COMMUNE and producer.commune_id != round_.commune_id:
        return _("“%(product)s” is not a product of %(unit)s.") % {"product": product.name, "unit": round_.unit_name}
    return None


@transaction.atomic
def enrol_product(round_, product, *, actor):
    if round_.state not in ENROLMENT_OPEN_IN:
        raise EvaluationError(_("Products can be enrolled only before scoring is closed."))
    problem = _may_enter(round_, product)
    if problem:
        raise EvaluationError(problem)
    if round_.enrolments.filter(product=product).exists():
        raise EvaluationError(_("“%(product)s” is already in this round.") % {"product": product.name})
    if product.status == ProductStatus.IN_EVALUATION:
        raise EvaluationError(_("“%(product)s” is already in another round that is not decided.")
                              % {"product": product.name})
    if product.group.scheme != round_.criteria_set.classification:
        raise EvaluationError(_("“%(product)s” is classified under %(old)s; this round uses %(new)s. Reclassify it "
                                "(with a reason) before enrolling it.")
                              % {"product": product.name, "old": product.group.get_scheme_display(),
                                 "new": round_.criteria_set.decision})
    enrolment = Enrolment(round=round_, product=product, position=round_.enrolments.count() + 1)
    try:
        with transaction.atomic():
            _stamp(enrolment, actor).save()
    except IntegrityError:
        raise EvaluationError(_("“%(product)s” is already in this round.") % {"product": product.name}) from None
    set_product_status(product, ProductStatus.IN_EVALUATION, actor=actor)
    return enrolment


# --- scores -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """A column of a score sheet: a part, or a criterion of a detailed sheet."""

    key: str
    label: str
    max_points: Decimal
    part_id: int
    criterion_id: int | None = None
    knockout: bool = False
    knockout_points: Decimal | None = None  # the answer that eliminates the product (knock-out criteria)
    options: tuple = ()  # the only points an answer may give (fixed answer options), else any up to the max

    def eliminates(self, points) -> bool:
        return self.knockout and self.knockout_points is not None and points == self.knockout_points


def score_columns(round_, product_group_id, parts, criteria_by_group):
    """The sheet's columns for one product: its group's criteria when the round scores in detail, else parts."""
    criteria = criteria_by_group.get(product_group_id) if round_.detailed_scoring else None
    if criteria:
        return [Column(f"c{c.pk}", c.code, c.max_points, c.part_id, c.pk, c.knockout, c.knockout_points,
                       c.option_values()) for c in criteria]
    return [Column(f"p{p.pk}", p.code, p.max_points, p.pk) for p in parts]


def columns_by_group(round_, group_ids):
    """The sheet's columns for each product group of a round, in two queries."""
    parts = list(round_.criteria_set.parts.all())
    criteria = {}
    if round_.detailed_scoring:
        for criterion in Criterion.objects.filter(part__criteria_set=round_.criteria_set,
                                                  product_group_id__in=set(group_ids)):
            criteria.setdefault(criterion.product_group_id, []).append(criterion)
    return {g: score_columns(round_, g, parts, criteria) for g in set(group_ids)}


def columns_for(enrolment):
    group = enrolment.product.group_id
    return columns_by_group(enrolment.round, [group])[group]


PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?", re.ASCII)  # a sign, so "-1" is told the range


def parse_points(raw, column, member_name):
    """A score typed by a person: a number (comma or dot) from 0 to the column's maximum, two decimals."""
    text = str(raw).strip()
    # Only plain decimals: ASCII digits, one comma or dot. Decimal() alone would take 1e1, 1_0, NaN and
    # other scripts' digits (٣), which no council member means to type.
    if not PLAIN_DECIMAL.fullmatch(text):
        raise EvaluationError(_("“%(value)s” is not a number (%(member)s, %(column)s).")
                              % {"value": raw, "member": member_name, "column": column.label})
    value = Decimal(text.replace(",", "."))
    if value < 0 or value > column.max_points:
        raise EvaluationError(_("%(column)s of %(member)s must be between 0 and %(max)s points; got %(value)s.")
                              % {"column": column.label, "member": member_name,
                                 "max": points_text(column.max_points), "value": raw})
    if value != value.quantize(Decimal("0.01")):
        raise EvaluationError(_("At most two decimals (%(member)s, %(column)s).")
                              % {"member": member_name, "column": column.label})
    if column.options and value not in column.options and not column.eliminates(value):
        allowed = [points_text(v) for v in column.options]
        if column.knockout_points is not None:
            allowed.append(_("%(points)s (eliminated)") % {"points": points_text(column.knockout_points)})
        raise EvaluationError(_("%(column)s of %(member)s accepts only %(options)s; got %(value)s.")
                              % {"column": column.label, "member": member_name, "options": ", ".join(allowed),
                                 "value": raw})
    return value


def _write_scores(enrolment, values, actor, reason="", correction=False):
    """Create, update or delete the Score rows of `values` {(member_id, column_key): Decimal | None}."""
    columns = {c.key: c for c in columns_for(enrolment)}
    members = {m.pk: m for m in enrolment.round.members.all()}
    existing = {(s.member_id, f"c{s.criterion_id}" if s.criterion_id else f"p{s.part_id}"): s
                for s in enrolment.scores.all()}
    for (member_id, key), raw in values.items():
        column = columns.get(key)
        member = members.get(member_id)
        if column is None or member is None:
            raise EvaluationError(_("This score does not belong to the round's sheet."))
        value = None if raw in (None, "") else parse_points(raw, column, member.name)
        score = existing.get((member_id, key))
        if score is not None and value is None:
            score._correction = correction
            _stamp(score, actor, reason).delete()
        elif score is not None and score.points != value:
            score.points = value
            score._correction = correction
            _stamp(score, actor, reason).save()
        elif score is None and value is not None:
            score = Score(enrolment=enrolment, member=member, part_id=column.part_id,
                          criterion_id=column.criterion_id, points=value)
            score._correction = correction
            _stamp(score, actor, reason).save()


def member_totals(enrolment, scores=None):
    """Each member's total so far (what the sheet shows)."""
    totals = {}
    for score in enrolment.scores.all() if scores is None else scores:
        totals[score.member_id] = totals.get(score.member_id, Decimal(0)) + score.points
    return totals


def sheet_totals(enrolment, column_count, scores=None):
    """(totals of the members whose sheet is complete, ids of members whose sheet is only partly filled).
    Only complete sheets count towards the mean and the quorum. `scores`: the enrolment's, when already read."""
    scores = enrolment.scores.all() if scores is None else scores
    counts, totals = {}, member_totals(enrolment, scores)
    for score in scores:
        counts[score.member_id] = counts.get(score.member_id, 0) + 1
    complete = {m: t for m, t in totals.items() if counts[m] == column_count}
    return complete, set(totals) - set(complete)


def sheet_knockouts(enrolment, columns, member_names=None, scores=None) -> str:
    """The knock-out criteria some member answered with the eliminating points, as a sentence ("" if none)."""
    by_criterion = {c.criterion_id: c for c in columns if c.knockout and c.criterion_id}
    failed = {}
    for score in enrolment.scores.all() if scores is None else scores:
        column = by_criterion.get(score.criterion_id)
        if column is not None and column.eliminates(score.points):
            failed.setdefault(column.label, []).append(score.member_id)
    if failed and member_names is None:
        member_names = {m.pk: m.name for m in enrolment.round.members.all()}
    return "; ".join(_("criterion %(code)s failed (%(members)s)")
                     % {"code": code, "members": ", ".join(member_names.get(m, "?") for m in ids)}
                     for code, ids in sorted(failed.items()))


RESULT_FIELDS = ["points", "stars", "outcome", "proposed_upward", "potential_five", "needs_rescoring", "knockout_note",
                 "sheet_knockout"]


def _stage_result(enrolment, round_, columns, thresholds, cap, member_names=None, scores=None):
    """Set the enrolment's staged result from its scores (`scores`, or enrolment.scores.all()); no query when they
    are given and no knock-out failed."""
    totals, _partial = sheet_totals(enrolment, len(columns), scores)
    enrolment.sheet_knockout = sheet_knockouts(enrolment, columns, member_names, scores)
    result = council_result(list(totals.values()), thresholds, cap,
                            knocked_out=bool(enrolment.knockout_note.strip() or enrolment.sheet_knockout))
    enrolment.points = result.points
    enrolment.stars = result.stars
    enrolment.outcome = result.outcome
    enrolment.proposed_upward = result.proposed_upward
    enrolment.potential_five = result.potential_five
    enrolment.needs_rescoring = bool(totals) and spread(totals.values()) > round_.max_spread
    return enrolment


def recompute_result(enrolment, *, actor=None, reason=""):
    """Stage the council's result for one product from its scores (never typed). A knock-out criterion
    answered with its eliminating points fails the product, as does a knock-out noted by the secretary."""
    round_ = enrolment.round
    cap = LevelRule.objects.get(period=round_.period, level=round_.level).cap()
    _stage_result(enrolment, round_, columns_for(enrolment), round_.criteria_set.thresholds(), cap)
    _stamp(enrolment, actor, reason).save(update_fields=RESULT_FIELDS)
    return enrolment


@transaction.atomic
def record_scores(enrolment, values, *, actor, expected_version, knockout_note=None):
    """Save one product's scores typed by staff, unless someone else saved it since `expected_version`."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=enrolment.round_id)  # serialise with closing
    if round_.state not in SCORES_EDITABLE_IN:
        raise RoundLocked.for_state(round_.state)
    if not Enrolment.objects.filter(pk=enrolment.pk, version=expected_version).update(version=F("version") + 1):
        raise ScoreConflict(
            _("Someone else saved the scores of “%(product)s” after you opened the sheet. Your values are kept "
              "below, beside theirs: check them and save again.") % {"product": enrolment.product.name},
            enrolment)
    enrolment.refresh_from_db()
    if knockout_note is not None:
        enrolment.knockout_note = knockout_note.strip()
    _write_scores(enrolment, values, actor)
    return recompute_result(enrolment, actor=actor)


@transaction.atomic
def record_imported_scores(round_, sheets, *, actor):
    """Scores read from a file (the exchange app's import): `sheets` is {enrolment_id: {(member_id, Column):
    (points, reason)}} with points already checked by parse_points. Only what differs from the stored scores is
    written, each with its reason in the history (the file and row it came from), in bulk; then each changed
    product's result is staged again. Returns the scores created or changed."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)  # serialise with closing and the sheet
    if round_.state not in SCORES_EDITABLE_IN:
        raise RoundLocked.for_state(round_.state)
    existing = {}
    for score in Score.objects.filter(enrolment__round=round_, enrolment_id__in=list(sheets)):
        key = f"c{score.criterion_id}" if score.criterion_id else f"p{score.part_id}"
        existing[(score.enrolment_id, score.member_id, key)] = score
    created, changed = [], []
    for enrolment_id, values in sheets.items():
        for (member_id, column), (points, reason) in values.items():
            score = existing.get((enrolment_id, member_id, column.key))
            if score is None:
                score = Score(enrolment_id=enrolment_id, member_id=member_id, part_id=column.part_id,
                              criterion_id=column.criterion_id, points=points)
                created.append(_stamp(score, actor, reason))
            elif score.points != points:
                score.points = points
                changed.append(_stamp(score, actor, reason))
    _create_scores(created, actor)
    bulk_update_with_history(changed, Score, ["points"], batch_size=1000, default_user=actor)
    touched = {s.enrolment_id for s in created} | {s.enrolment_id for s in changed}
    Enrolment.objects.filter(pk__in=touched).update(version=F("version") + 1)
    # Each changed product's result staged again as recompute_result does, with the rules read once for all.
    # Their scores are those read before the writes (changed in place) and those created: not read again.
    scores = {}
    for score in [*existing.values(), *created]:
        scores.setdefault(score.enrolment_id, []).append(score)
    enrolments = list(round_.enrolments.filter(pk__in=touched).select_related("product"))
    columns = columns_by_group(round_, [e.product.group_id for e in enrolments])
    thresholds = round_.criteria_set.thresholds()
    cap = LevelRule.objects.get(period=round_.period, level=round_.level).cap()
    names = {m.pk: m.name for m in round_.members.all()}
    for enrolment in enrolments:
        _stage_result(enrolment, round_, columns[enrolment.product.group_id], thresholds, cap, names,
                      scores.get(enrolment.pk, []))
    # One UPDATE per distinct result rather than bulk_update's CASE per product and field (4× faster at 1,400
    # products: results repeat), then their history rows in bulk, as bulk_update_with_history writes them.
    same = {}
    for enrolment in enrolments:
        same.setdefault(tuple(getattr(enrolment, f) for f in RESULT_FIELDS), []).append(enrolment.pk)
    for values, ids in same.items():
        Enrolment.objects.filter(pk__in=ids).update(**dict(zip(RESULT_FIELDS, values, strict=True)))
    Enrolment.history.bulk_history_create(enrolments, update=True, batch_size=1000, default_user=actor,
                                          default_change_reason=_("Scores imported from a file."))
    return [*created, *changed]


SCORES_FROM_ARRAYS = """
    WITH input AS (
        SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[], %s::numeric[], %s::text[])
            AS t(enrolment_id, member_id, part_id, criterion_id, points, reason)),
    new AS (
        INSERT INTO {scores} (enrolment_id, member_id, part_id, criterion_id, points)
        SELECT enrolment_id, member_id, part_id, criterion_id, points FROM input
        RETURNING id, enrolment_id, member_id, part_id, criterion_id, points)
    INSERT INTO {history} (id, enrolment_id, member_id, part_id, criterion_id, points, history_date,
                           history_change_reason, history_type, history_user_id)
    SELECT new.id, new.enrolment_id, new.member_id, new.part_id, new.criterion_id, new.points, %s, input.reason,
           '+', %s
    FROM new JOIN input ON new.enrolment_id = input.enrolment_id AND new.member_id = input.member_id
        AND new.part_id = input.part_id AND new.criterion_id IS NOT DISTINCT FROM input.criterion_id
    RETURNING id, enrolment_id, member_id, part_id, criterion_id"""


def _create_scores(created, actor):
    """Insert new scores with their history rows ("+", each with its own reason), the rows
    bulk_create_with_history writes. On PostgreSQL in one statement from arrays: Django preparing 300,000
    values one by one takes ~4 s for 30,000 scores, this ~0.3 s. Sets each score's pk."""
    if connection.vendor != "postgresql" or not created:
        bulk_create_with_history(created, Score, batch_size=1000, default_user=actor)
        return
    columns = list(zip(*((s.enrolment_id, s.member_id, s.part_id, s.criterion_id, s.points,
                          getattr(s, "_change_reason", "")) for s in created), strict=True))
    sql = SCORES_FROM_ARRAYS.format(scores=Score._meta.db_table, history=Score.history.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(list(c) for c in columns), timezone.now(), actor.pk if actor else None])
        ids = {tuple(row[1:]): row[0] for row in cursor.fetchall()}
    for score in created:
        score.pk = ids[(score.enrolment_id, score.member_id, score.part_id, score.criterion_id)]
        score._state.adding, score._state.db = False, connection.alias


def closing_problems(round_):
    """Why scoring cannot be closed yet: products without quorum, or whose members' totals differ too much."""
    problems = []
    members = list(round_.members.all())
    member_ids = [m.pk for m in members]
    chair = next((m.pk for m in members if m.role == MemberRole.CHAIR), None)
    enrolments = list(round_.enrolments.select_related("product").prefetch_related("scores"))
    if not enrolments:
        problems.append(_("no product is enrolled"))
    columns = columns_by_group(round_, [e.product.group_id for e in enrolments])
    for enrolment in enrolments:
        totals, partial = sheet_totals(enrolment, len(columns[enrolment.product.group_id]))
        names = ", ".join(m.name for m in members if m.pk in partial)
        if partial:
            problems.append(_("“%(product)s”: the sheet of %(members)s is incomplete")
                            % {"product": enrolment.product.name, "members": names})
        if not quorum_met(totals.keys(), member_ids, chair, round_.quorum):
            problems.append(_("“%(product)s” lacks the quorum (%(scored)s of %(members)s members, chair included)")
                            % {"product": enrolment.product.name, "scored": len(totals), "members": len(members)})
        elif enrolment.needs_rescoring:
            problems.append(_("“%(product)s” must be re-scored: members' totals differ by %(spread)s points "
                              "(at most %(max)s)") % {"product": enrolment.product.name,
                                                     "spread": points_text(spread(totals.values())),
                                                     "max": points_text(round_.max_spread)})
    return problems


# --- decision and corrections -------------------------------------------------------------------

def _check_decision_date(round_, signed_on):
    if signed_on < round_.starts_on:
        raise EvaluationError(_("The decision cannot be dated before the council met (%(date)s).")
                              % {"date": _day(round_.starts_on)})
    if signed_on > timezone.localdate():
        raise EvaluationError(_("The decision cannot be dated in the future (%(date)s).") % {"date": _day(signed_on)})


def _check_decision(round_, number, signed_on):
    """What finalising (and its preview) refuses; returns the authority that signs."""
    if round_.state != RoundState.SCORED:
        raise EvaluationError(_("Only a round whose scoring is closed can be decided."))
    if LevelRule.objects.get(period=round_.period, level=round_.level).screening:
        raise EvaluationError(_("A commune's screening has no decision of recognition: publish its results."))
    _check_decision_date(round_, signed_on)
    authority = authority_for(round_, signed_on)
    if Decision.objects.filter(authority=authority.in_a_sentence, year=signed_on.year, number=number).exists():
        raise EvaluationError(_("Decision %(number)s of %(year)s already exists for %(authority)s.")
                              % {"number": number, "year": signed_on.year, "authority": authority.in_a_sentence})
    return authority


@dataclass
class DecisionPreview:
    """Exactly what finalising a round would do now: the products recognised with their stars, the certificate
    numbers they would receive, the e-mails that would be queued. `token` binds a confirmation to this content."""

    round: EvaluationRound
    recognised: list
    not_recognised: list
    certificates: dict = field(default_factory=dict)
    emails: list = field(default_factory=list)
    token: str = ""

    def rows(self):
        emails = {}
        for pk, address in self.emails:
            emails.setdefault(pk, []).append(address)
        return [(e, self.certificates.get(e.pk), emails.get(e.pk, [])) for e in self.recognised]

    @property
    def stars(self):
        counts = {}
        for enrolment in self.recognised:
            counts[enrolment.stars] = counts.get(enrolment.stars, 0) + 1
        return sorted(counts.items())


def preview_decision(round_, *, number, signed_on, signer_name="", signer_title="") -> DecisionPreview:
    """What finalise_decision would do with these fields, computed without writing anything; refuses what it
    would refuse."""
    _check_decision(round_, number.strip(), signed_on)
    enrolments = list(round_.enrolments.select_related("product", "product__producer").order_by("position", "pk"))
    recognised = [e for e in enrolments if e.outcome == Outcome.RECOGNISED]
    preview = DecisionPreview(round_, recognised, [e for e in enrolments if e.outcome != Outcome.RECOGNISED])
    answers = decision_previewed.send(sender=Decision, evaluation_round=round_, recognised=recognised,
                                      year=signed_on.year)
    for _receiver, answer in answers:
        preview.certificates.update((answer or {}).get("certificates", {}))
        preview.emails += (answer or {}).get("emails", [])
    content = {"round": round_.pk, "state": round_.state, "number": number.strip(), "signed_on": str(signed_on),
               "signer": [signer_name.strip(), signer_title.strip()],
               "rows": [[e.pk, e.product_id, e.stars, str(e.points), e.outcome] for e in enrolments],
               "certificates": sorted(preview.certificates.items()), "emails": sorted(preview.emails)}
    preview.token = salted_hmac("evaluation.preview_decision", json.dumps(content, sort_keys=True),
                                algorithm="sha256").hexdigest()
    return preview


def preview_still_holds(preview, token) -> bool:
    return bool(token) and constant_time_compare(preview.token, token)


@transaction.atomic
def finalise_decision(round_, *, number, signed_on, signer_name, signer_title, actor):
    """Make a scored round's results official: the decision, signed by the authority of the round's level,
    one recognition per recognised product; the scores are locked from then on (the round is decided), the
    certificates are issued and the producers told."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    number = number.strip()
    authority = _check_decision(round_, number, signed_on)
    decision = Decision(round=round_, province=round_.province, number=number, signed_on=signed_on,
                        year=signed_on.year, signer_name=signer_name.strip(), signer_title=signer_title.strip(),
                        authority=authority.in_a_sentence, authority_header=authority.header,
                        place=authority.place, finalised_by=actor)
    _stamp(decision, actor).save()
    for enrolment in round_.enrolments.select_related("product").order_by("position", "pk"):
        if enrolment.outcome == Outcome.RECOGNISED:
            _stamp(Recognition(decision=decision, enrolment=enrolment, product=enrolment.product,
                               stars=enrolment.stars, points=enrolment.points,
                               potential_five=enrolment.potential_five, position=enrolment.position), actor).save()
        set_product_status(enrolment.product, ProductStatus.DECIDED, actor=actor)
    set_round_state(round_, RoundState.DECIDED, actor=actor, _finalising=True)
    # In this transaction: the certificates app issues the certificates, then the portal queues the e-mails.
    decision_finalised.send(sender=Decision, decision=decision, actor=actor)
    return decision


@transaction.atomic
def publish_screening(round_, *, actor):
    """Close a commune's screening (26/2026): its 1★–2★ results stand as they are, with no decision and no
    certificate; the products from 50 points are proposed to the province."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if not LevelRule.objects.get(period=round_.period, level=round_.level).screening:
        raise EvaluationError(_("Only a commune's screening is published without a decision."))
    if round_.state != RoundState.SCORED:
        raise EvaluationError(_("Only a round whose scoring is closed can be published."))
    for enrolment in round_.enrolments.select_related("product"):
        set_product_status(enrolment.product, ProductStatus.DECIDED, actor=actor)
    return set_round_state(round_, RoundState.DECIDED, actor=actor, _finalising=True)


@transaction.atomic
def correct_scores(enrolment, values, *, reason, actor, knockout_note=None, expected_version=None):
    """The only change allowed after the decision: explicit, with a reason, recorded in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationError(_("A correction needs a reason."))
    enrolment = Enrolment.objects.select_for_update().select_related("round", "product").get(pk=enrolment.pk)
    if expected_version is not None and enrolment.version != expected_version:
        raise ScoreConflict(
            _("Someone else saved the scores of “%(product)s” after you opened the sheet. Your values are kept "
              "below, beside theirs: check them and save again.") % {"product": enrolment.product.name},
            enrolment)
    round_ = enrolment.round
    if round_.state != RoundState.DECIDED:
        raise EvaluationError(_("Corrections are for decided rounds; edit the scores directly."))
    if knockout_note is not None:
        enrolment.knockout_note = knockout_note.strip()
    _write_scores(enrolment, values, actor, reason=reason, correction=True)
    Enrolment.objects.filter(pk=enrolment.pk).update(version=F("version") + 1)
    recompute_result(enrolment, actor=actor, reason=reason)
    decision = round_.decision
    recognition = Recognition.objects.filter(enrolment=enrolment).first()
    if enrolment.outcome == Outcome.RECOGNISED:
        if recognition is None:
            recognition = Recognition(decision=decision, enrolment=enrolment, product=enrolment.product,
                                      position=enrolment.position, stars=enrolment.stars, points=enrolment.points)
        recognition.stars, recognition.points = enrolment.stars, enrolment.points
        recognition.potential_five, recognition.withdrawn = enrolment.potential_five, False
        _stamp(recognition, actor, reason).save()
    elif recognition is not None:
        recognition.withdrawn = True
        _stamp(recognition, actor, reason).save()
        recognition = None
    # In this transaction: the certificates app reprints the certificate with the new stars, or revokes it.
    scores_corrected.send(sender=Enrolment, recognition=recognition, enrolment=enrolment, reason=reason, actor=actor)
    return enrolment
