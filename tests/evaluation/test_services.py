import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from certificates.standing import standing_of
from evaluation import services
from evaluation.enums import Outcome, RoundState
from evaluation.errors import EvaluationError, RoundLocked, ScoreConflict
from evaluation.models import CriteriaSet, EvaluationRound, Recognition, Score
from evaluation.queries import round_history
from products.enums import ProductStatus, Standing
from products.services import reclassify_product
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, part_values, tea_group


@pytest.fixture(autouse=True)
def english():
    """Match the domain errors' English source text (the Vietnamese is tested in test_views)."""
    with translation.override("en"):
        yield


def test_round_takes_the_rules_in_force_when_the_council_meets(make_round):
    round_2020 = make_round(starts_on=datetime.date(2020, 9, 15), scoring=False)
    assert (round_2020.period.code, round_2020.criteria_set.code) == ("1048", "1048")
    round_2024 = make_round(number=2, year=2024, starts_on=datetime.date(2024, 5, 1), scoring=False)
    assert (round_2024.period.code, round_2024.criteria_set.code) == ("148", "148")
    round_2025 = make_round(number=3, year=2025, starts_on=datetime.date(2025, 8, 1), scoring=False)
    assert round_2025.period.code == "148+1489"


def test_no_district_round_after_the_2025_reform(lai_chau, staff_user):
    with pytest.raises(EvaluationError, match="no council at this level"):
        services.create_round(province=lai_chau, year=2025, number=1, level="district",
                              starts_on=datetime.date(2025, 9, 1), actor=staff_user)


def test_round_number_is_unique_per_year_and_level(make_round):
    make_round(scoring=False)
    with pytest.raises(EvaluationError, match="already exists"):
        make_round(scoring=False)


def test_defect_12_a_cancelled_round_frees_its_number(make_round, staff_user):
    cancelled = make_round(scoring=False)
    services.set_round_state(cancelled, RoundState.CANCELLED, actor=staff_user, reason="Nhầm ngày họp")
    held = make_round(starts_on=datetime.date(2020, 10, 20), scoring=False)
    assert (held.number, held.year, cancelled.number) == (1, 2020, 1)
    with pytest.raises(EvaluationError, match="already exists"):  # the round held keeps its number to itself
        make_round(starts_on=datetime.date(2020, 11, 5), scoring=False)
    with pytest.raises(IntegrityError), transaction.atomic():  # and so does the database
        EvaluationRound.objects.filter(pk=cancelled.pk).update(state=RoundState.DRAFT)


def test_refused_transition_says_why(make_round, staff_user):
    round_ = make_round(scoring=False)
    with pytest.raises(EvaluationError, match="cannot become"):
        services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    scored = make_round(number=2, members=1)
    services.record_scores(scored.enrolments.get(), part_values(scored.enrolments.get(), [(30, 20, 30)]),
                           actor=staff_user, expected_version=0)
    services.set_round_state(scored, RoundState.SCORED, actor=staff_user)
    with pytest.raises(EvaluationError, match="only by finalising"):
        services.set_round_state(scored, RoundState.DECIDED, actor=staff_user)
    services.set_round_state(round_, RoundState.CANCELLED, actor=staff_user)
    with pytest.raises(EvaluationError, match="cannot become"):
        services.set_round_state(round_, RoundState.SCORING, actor=staff_user)


def test_scoring_needs_a_chair(lai_chau, staff_user):
    round_ = services.create_round(province=lai_chau, year=2020, number=1, starts_on=datetime.date(2020, 9, 1),
                                   actor=staff_user)
    with pytest.raises(EvaluationError, match="chair"):
        services.set_round_state(round_, RoundState.SCORING, actor=staff_user)


def test_enrolment_only_of_the_rounds_province_and_only_once(make_round, dien_bien, staff_user):
    round_ = make_round()
    outsider = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)))
    with pytest.raises(EvaluationError, match="not a product of Lai Châu"):
        services.enrol_product(round_, outsider, actor=staff_user)
    already = round_.enrolments.get().product
    with pytest.raises(EvaluationError, match="already in this round"):
        services.enrol_product(round_, already, actor=staff_user)


def test_a_product_is_re_evaluated_in_a_later_round_and_keeps_its_history(decided_round, make_round, staff_user):
    product = decided_round.enrolments.first().product
    later = make_round(number=1, year=2023, starts_on=datetime.date(2023, 9, 1), products=0)
    with pytest.raises(EvaluationError, match="Reclassify it"):  # a 1048 product in a 148 round
        services.enrol_product(later, product, actor=staff_user)
    reclassify_product(product, tea_group("148"), reason="Bộ tiêu chí 148/QĐ-TTg", actor=staff_user)
    assert product.history.first().history_change_reason == "Bộ tiêu chí 148/QĐ-TTg"
    services.enrol_product(later, product, actor=staff_user)
    assert [e.round.year for e in product.enrolments.order_by("round__year")] == [2020, 2023]
    assert product.recognitions.count() == 1


def test_scores_give_points_and_stars_never_typed(make_round, score):
    round_ = make_round(members=3)
    enrolment = score(round_.enrolments.get(), [(30, 20, 25), (30, 20, 20), (29, 19, 30)])
    assert enrolment.points == Decimal("74.33")
    assert enrolment.stars == 4 and enrolment.outcome == Outcome.RECOGNISED


@pytest.mark.parametrize("bad, message", [
    ("36", "between 0 and 35"), ("-1", "between 0 and 35"), ("mười", "is not a number"), ("10.555", "two decimals"),
    ("NaN", "is not a number"),
])
def test_bad_scores_are_refused_and_nothing_saved_is_lost(make_round, score, staff_user, bad, message):
    round_ = make_round(members=3)
    enrolment = score(round_.enrolments.get(), [(30, 20, 25)] * 3)
    values = part_values(enrolment, [(bad, 20, 25)] + [(30, 20, 25)] * 2)
    with pytest.raises(EvaluationError, match=message):
        services.record_scores(enrolment, values, actor=staff_user, expected_version=enrolment.version)
    assert sorted(Score.objects.filter(enrolment=enrolment).values_list("points", flat=True)) == sorted(
        [Decimal(v) for v in (30, 20, 25)] * 3)


@pytest.mark.parametrize("typed", ["1e1", "1_0", "5e-1", "٣", "１０", "Infinity", "0x1", "1,5,0", "+5", "1 0"])
def test_score_cells_accept_only_plain_decimals_with_a_comma_or_a_dot(make_round, score, staff_user, typed):
    round_ = make_round(members=3)
    enrolment = score(round_.enrolments.get(), [(30, 20, 25)] * 3)
    values = part_values(enrolment, [(typed, 20, 25)] + [(30, 20, 25)] * 2)
    with pytest.raises(EvaluationError, match="is not a number"):
        services.record_scores(enrolment, values, actor=staff_user, expected_version=enrolment.version)
    column = services.columns_for(enrolment)[0]
    assert [services.parse_points(v, column, "TV") for v in ("7", "7,25", "7.5", " 10 ")] == [
        Decimal("7"), Decimal("7.25"), Decimal("7.5"), Decimal("10")]


def test_two_concurrent_edits_give_a_conflict_not_a_lost_update(make_round, staff_user):
    round_ = make_round(members=3)
    enrolment = round_.enrolments.get()
    opened_by_a = opened_by_b = enrolment.version
    services.record_scores(enrolment, part_values(enrolment, [(30, 20, 25)] * 3), actor=staff_user,
                           expected_version=opened_by_a)
    with pytest.raises(ScoreConflict):
        services.record_scores(enrolment, part_values(enrolment, [(10, 10, 10)] * 3), actor=staff_user,
                               expected_version=opened_by_b)
    enrolment.refresh_from_db()
    assert enrolment.points == Decimal("75.00")


def test_a_spread_over_the_limit_flags_the_product_and_refuses_closing(make_round, score, staff_user):
    round_ = make_round(members=3)
    enrolment = score(round_.enrolments.get(), [(30, 20, 30), (20, 15, 20), (30, 20, 30)])  # 80, 55, 80
    assert enrolment.needs_rescoring
    with pytest.raises(EvaluationError, match="must be re-scored"):
        services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    enrolment = score(enrolment, [(30, 20, 30), (28, 20, 27), (30, 20, 30)])  # 80, 75, 80
    assert not enrolment.needs_rescoring
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)


def test_a_spread_of_exactly_the_limit_is_accepted(make_round, score):
    enrolment = score(make_round(members=2).enrolments.get(), [(30, 20, 30), (25, 15, 30)])  # 80 and 70
    assert not enrolment.needs_rescoring


def test_quorum_is_needed_to_close_scoring(make_round, score, staff_user):
    round_ = make_round(members=4)
    enrolment = round_.enrolments.get()
    score(enrolment, [(30, 20, 30), (30, 20, 30)])  # 2 of 4
    with pytest.raises(EvaluationError, match="lacks the quorum"):
        services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    score(enrolment, [(30, 20, 30)] * 3)  # 3 of 4, chair included
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)


def test_knock_out_gives_failed_whatever_the_points(make_round, score):
    enrolment = score(make_round().enrolments.get(), [(35, 25, 40)] * 3, knockout_note="1.1 Nguồn nguyên liệu")
    assert enrolment.outcome == Outcome.KNOCKED_OUT and enrolment.stars is None


def test_finalising_records_recognitions_publishes_stars_and_locks(decided_round):
    decision = decided_round.decision
    assert decided_round.state == RoundState.DECIDED
    assert sorted(decision.recognitions.values_list("stars", flat=True)) == [3, 4]
    for recognition in decision.recognitions.select_related("product"):
        assert recognition.product.status == ProductStatus.DECIDED
        on_the_day = standing_of(recognition.product, datetime.date(2020, 9, 30))
        assert (on_the_day.code, on_the_day.stars, on_the_day.until) == (
            Standing.RECOGNISED, recognition.stars, datetime.date(2023, 9, 29))
        assert standing_of(recognition.product, datetime.date(2023, 9, 30)).code == Standing.EXPIRED


def test_potential_five_stars_at_the_province(make_round, score, staff_user, official_user):
    round_ = make_round(members=3)
    enrolment = score(round_.enrolments.get(), [(34, 24, 38), (33, 24, 37), (35, 23, 36)])
    assert enrolment.points >= 90 and enrolment.stars == 4 and enrolment.potential_five


def test_finalising_is_atomic(make_round, score, staff_user, official_user, monkeypatch):
    round_ = make_round(members=3, products=2)
    for enrolment in round_.enrolments.all():
        score(enrolment, [(30, 20, 30)] * 3)
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    calls = []

    def failing_status(product, status, **kwargs):
        calls.append(product)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(services, "set_product_status", failing_status)
    with pytest.raises(RuntimeError):
        services.finalise_decision(round_, number="1/QĐ-UBND", signed_on=datetime.date(2020, 10, 1),
                                   signer_name="A", signer_title="Chủ tịch", actor=official_user)
    round_.refresh_from_db()
    assert round_.state == RoundState.SCORED
    assert not Recognition.objects.exists()


def test_finalising_needs_a_closed_round_and_a_sane_date(make_round, official_user):
    round_ = make_round()
    with pytest.raises(EvaluationError, match="scoring is closed"):
        services.finalise_decision(round_, number="1/QĐ-UBND", signed_on=datetime.date(2020, 10, 1),
                                   signer_name="A", signer_title="B", actor=official_user)


def test_decided_round_refuses_score_edits_through_services_and_models(decided_round, staff_user):
    enrolment = decided_round.enrolments.first()
    with pytest.raises(RoundLocked):
        services.record_scores(enrolment, part_values(enrolment, [(1, 1, 1)] * 3), actor=staff_user,
                               expected_version=enrolment.version)
    score = enrolment.scores.first()
    score.points = Decimal("1")
    with pytest.raises(RoundLocked):
        score.save()
    with pytest.raises(RoundLocked):
        Score.objects.get(pk=score.pk).delete()
    with pytest.raises(EvaluationError):
        services.enrol_product(decided_round, ProductFactory(producer=enrolment.product.producer), actor=staff_user)
    assert Score.objects.get(pk=score.pk).points != Decimal("1")


def test_correction_needs_a_reason_and_is_recorded(decided_round, official_user):
    enrolment = decided_round.enrolments.order_by("position").last()  # the 3★ product
    values = part_values(enrolment, [(30, 20, 30)] * 3)
    with pytest.raises(EvaluationError, match="needs a reason"):
        services.correct_scores(enrolment, values, reason="  ", actor=official_user)
    services.correct_scores(enrolment, values, reason="Nhập nhầm phiếu chấm của thành viên", actor=official_user)
    enrolment.refresh_from_db()
    assert enrolment.stars == 4
    assert enrolment.recognition.stars == 4
    changed = Score.history.filter(enrolment_id=enrolment.pk, history_type="~")
    assert changed.count() == 9
    assert {h.history_user for h in changed} == {official_user}
    assert {h.history_change_reason for h in changed} == {"Nhập nhầm phiếu chấm của thành viên"}
    assert enrolment.recognition.history.filter(history_change_reason__startswith="Nhập nhầm").exists()


def test_correction_below_the_threshold_withdraws_the_recognition(decided_round, official_user):
    enrolment = decided_round.enrolments.order_by("position").last()
    services.correct_scores(enrolment, part_values(enrolment, [(10, 10, 10)] * 3), reason="Phúc tra",
                            actor=official_user)
    enrolment.refresh_from_db()
    assert enrolment.outcome == Outcome.NOT_RECOGNISED
    assert Recognition.objects.get(enrolment=enrolment).withdrawn
    assert enrolment.product.status == ProductStatus.DECIDED


def test_history_records_who_when_old_and_new(decided_round, staff_user, official_user):
    entries = round_history(decided_round)
    states = [e for e in entries if e.what == "Round"]
    assert [c for e in states for c in e.changes if c[2] == "Decided"]
    decided = next(e for e in states for c in e.changes if c[2] == "Decided")
    assert decided.who == official_user
    scores = [e for e in entries if " — " in e.what]
    assert len(scores) == 18 and all(e.who == staff_user for e in scores)


def test_decided_round_cannot_change_state_or_council(decided_round, staff_user):
    for state in RoundState:
        with pytest.raises(EvaluationError):
            services.set_round_state(decided_round, state, actor=staff_user)
    with pytest.raises(EvaluationError, match="only while the round is a draft"):
        services.add_member(decided_round, name="Thêm", actor=staff_user)


def test_a_round_cannot_use_a_criteria_set_not_in_force(lai_chau, staff_user):
    with pytest.raises(EvaluationError, match="criteria set in force is 148"):
        services.create_round(province=lai_chau, year=2026, number=1, starts_on=datetime.date(2026, 3, 1),
                              criteria_set=CriteriaSet.objects.get(code="1048"), actor=staff_user)
