"""Writes of the evaluation app, as verbs. Each is atomic, checks its preconditions and raises an
EvaluationError with a translated message. No status is assigned anywhere else."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from evaluation.enums import ENROLMENT_OPEN_IN, ROUND_TRANSITIONS, SCORES_EDITABLE_IN, MemberRole, Outcome, RoundState
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
from ocop.text import points_text
from products.enums import ProductStatus


def issue_certificates(decision, *, actor):
    from certificates.services import issue_certificates as issue  # certificates build on evaluation

    return issue(decision, actor=actor)


def follow_correction(recognition, enrolment, *, reason, actor):
    from certificates.services import follow_correction as follow

    return follow(recognition, enrolment, reason=reason, actor=actor)


def notify_recognised(decision):
    from portal.notifications import queue_recognition  # the outbox row is written in this transaction

    return queue_recognition(decision)


def _stamp(instance, actor, reason=""):
    """Tell the audit history who made this change and why."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    return instance


# --- rounds -------------------------------------------------------------------------------------

@transaction.atomic
def create_round(*, province, year, number, starts_on, actor, level="province", criteria_set=None, **options):
    period = RecognitionPeriod.for_date(starts_on)
    if period is None:
        raise EvaluationError(_("No OCOP rules apply on %(date)s.") % {"date": starts_on.strftime("%d/%m/%Y")})
    rule = LevelRule.objects.filter(period=period, level=level).first()
    if rule is None or rule.abolished:
        raise EvaluationError(_("There is no council at this level in the period %(period)s.") % {"period": period})
    if criteria_set is not None and criteria_set != period.criteria_set:
        raise EvaluationError(_("On %(date)s the criteria set in force is %(set)s.")
                              % {"date": starts_on.strftime("%d/%m/%Y"), "set": period.criteria_set})
    if EvaluationRound.objects.filter(province=province, level=level, year=year, number=number).exists():
        raise EvaluationError(_("Round %(number)s of %(year)s already exists at this level.")
                              % {"number": number, "year": year})
    round_ = EvaluationRound(province=province, level=level, year=year, number=number, starts_on=starts_on,
                             period=period, criteria_set=criteria_set or period.criteria_set, created_by=actor,
                             **options)
    _stamp(round_, actor).save()
    return round_


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
    return round_


@transaction.atomic
def add_member(round_, *, name, role=MemberRole.MEMBER, title="", position=0, actor):
    if round_.state not in (RoundState.DRAFT,):
        raise EvaluationError(_("The council can be changed only while the round is a draft."))
    if role == MemberRole.CHAIR and round_.members.filter(role=MemberRole.CHAIR).exists():
        raise EvaluationError(_("The council already has a chair."))
    member = CouncilMember(round=round_, name=name, role=role, title=title, position=position)
    _stamp(member, actor).save()
    return member


@transaction.atomic
def enrol_product(round_, product, *, actor):
    if round_.state not in ENROLMENT_OPEN_IN:
        raise EvaluationError(_("Products can be enrolled only before scoring is closed."))
    if product.producer.province_id != round_.province_id:
        raise EvaluationError(_("“%(product)s” is not a product of %(province)s.")
                              % {"product": product.name, "province": round_.province.short_name})
    if round_.enrolments.filter(product=product).exists():
        raise EvaluationError(_("“%(product)s” is already in this round.") % {"product": product.name})
    enrolment = Enrolment(round=round_, product=product, position=round_.enrolments.count() + 1)
    try:
        with transaction.atomic():
            _stamp(enrolment, actor).save()
    except IntegrityError:
        raise EvaluationError(_("“%(product)s” is already in this round.") % {"product": product.name}) from None
    if product.status in (ProductStatus.DRAFT, ProductStatus.SUBMITTED, ProductStatus.NOT_RECOGNISED):
        product.status = ProductStatus.IN_EVALUATION
        product.save(update_fields=["status", "updated_at"])
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


def score_columns(round_, product_group_id, parts, criteria_by_group):
    """The sheet's columns for one product: its group's criteria when the round scores in detail, else parts."""
    criteria = criteria_by_group.get(product_group_id) if round_.detailed_scoring else None
    if criteria:
        return [Column(f"c{c.pk}", c.code, c.max_points, c.part_id, c.pk, c.knockout) for c in criteria]
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


def parse_points(raw, column, member_name):
    """A score typed by a person: a number (comma or dot) from 0 to the column's maximum, two decimals."""
    text = str(raw).strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise EvaluationError(_("“%(value)s” is not a number (%(member)s, %(column)s).")
                              % {"value": raw, "member": member_name, "column": column.label}) from None
    if not value.is_finite() or value < 0 or value > column.max_points:
        raise EvaluationError(_("%(column)s of %(member)s must be between 0 and %(max)s points; got %(value)s.")
                              % {"column": column.label, "member": member_name,
                                 "max": points_text(column.max_points), "value": raw})
    if value != value.quantize(Decimal("0.01")):
        raise EvaluationError(_("At most two decimals (%(member)s, %(column)s).")
                              % {"member": member_name, "column": column.label})
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


def member_totals(enrolment):
    """Each member's total so far (what the sheet shows)."""
    totals = {}
    for score in enrolment.scores.all():
        totals[score.member_id] = totals.get(score.member_id, Decimal(0)) + score.points
    return totals


def sheet_totals(enrolment, column_count):
    """(totals of the members whose sheet is complete, ids of members whose sheet is only partly filled).
    Only complete sheets count towards the mean and the quorum."""
    counts, totals = {}, member_totals(enrolment)
    for score in enrolment.scores.all():
        counts[score.member_id] = counts.get(score.member_id, 0) + 1
    complete = {m: t for m, t in totals.items() if counts[m] == column_count}
    return complete, set(totals) - set(complete)


def recompute_result(enrolment, *, actor=None, reason=""):
    """Stage the council's result for one product from its scores (never typed)."""
    round_ = enrolment.round
    totals, _partial = sheet_totals(enrolment, len(columns_for(enrolment)))
    cap = LevelRule.objects.get(period=round_.period, level=round_.level).cap()
    result = council_result(list(totals.values()), round_.criteria_set.thresholds(), cap,
                            knocked_out=bool(enrolment.knockout_note.strip()))
    enrolment.points = result.points
    enrolment.stars = result.stars
    enrolment.outcome = result.outcome
    enrolment.proposed_upward = result.proposed_upward
    enrolment.potential_five = result.potential_five
    enrolment.needs_rescoring = bool(totals) and spread(totals.values()) > round_.max_spread
    _stamp(enrolment, actor, reason).save(update_fields=[
        "points", "stars", "outcome", "proposed_upward", "potential_five", "needs_rescoring", "knockout_note"])
    return enrolment


@transaction.atomic
def record_scores(enrolment, values, *, actor, expected_version, knockout_note=None):
    """Save one product's scores typed by staff, unless someone else saved it since `expected_version`."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=enrolment.round_id)  # serialise with closing
    if round_.state not in SCORES_EDITABLE_IN:
        raise RoundLocked(_("The scores of this round are locked; use a recorded correction."))
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

def _publish(recognition_or_none, enrolment, decision):
    """Keep the product's current recognition (what the public registry shows) in step with decisions."""
    product = enrolment.product
    if recognition_or_none is not None:
        product.status = ProductStatus.RECOGNISED
        product.stars = recognition_or_none.stars
        product.recognised_year = decision.signed_on.year
    elif product.recognitions.filter(withdrawn=False).exclude(enrolment=enrolment).exists():
        return  # an earlier recognition still stands
    else:
        product.status = ProductStatus.NOT_RECOGNISED
        product.stars = None
        product.recognised_year = None
    product.save(update_fields=["status", "stars", "recognised_year", "updated_at"])


@transaction.atomic
def finalise_decision(round_, *, number, signed_on, signer_name, signer_title, actor):
    """Make a scored round's results official: the decision, one recognition per recognised product,
    the products' stars; the scores are locked from then on (the round is decided)."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state != RoundState.SCORED:
        raise EvaluationError(_("Only a round whose scoring is closed can be decided."))
    if signed_on < round_.starts_on:
        raise EvaluationError(_("The decision cannot be dated before the council met (%(date)s).")
                              % {"date": round_.starts_on.strftime("%d/%m/%Y")})
    number = number.strip()
    if Decision.objects.filter(province=round_.province, year=signed_on.year, number=number).exists():
        raise EvaluationError(_("Decision %(number)s of %(year)s already exists in this province.")
                              % {"number": number, "year": signed_on.year})
    decision = Decision(round=round_, province=round_.province, number=number, signed_on=signed_on,
                        year=signed_on.year, signer_name=signer_name.strip(), signer_title=signer_title.strip(),
                        finalised_by=actor)
    _stamp(decision, actor).save()
    for enrolment in round_.enrolments.select_related("product").order_by("position", "pk"):
        recognition = None
        if enrolment.outcome == Outcome.RECOGNISED:
            recognition = Recognition(decision=decision, enrolment=enrolment, product=enrolment.product,
                                      stars=enrolment.stars, points=enrolment.points,
                                      potential_five=enrolment.potential_five, position=enrolment.position)
            _stamp(recognition, actor).save()
        _publish(recognition, enrolment, decision)
    set_round_state(round_, RoundState.DECIDED, actor=actor, _finalising=True)
    issue_certificates(decision, actor=actor)
    notify_recognised(decision)
    return decision


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
    _publish(recognition, enrolment, decision)
    follow_correction(recognition, enrolment, reason=reason, actor=actor)
    return enrolment
