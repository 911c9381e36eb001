"""The OCOP rules as pure functions and as the data the migration loads."""

from decimal import Decimal

import pytest

from evaluation.enums import Outcome
from evaluation.models import CriteriaSet, Criterion, LevelRule
from evaluation.rules import LevelCap, council_result, mean_points, quorum_met, spread, stars_for

THRESHOLDS = [(5, 90), (4, 70), (3, 50), (2, 30), (1, 0)]


@pytest.mark.parametrize("points, stars", [
    ("0", 1), ("29.99", 1), ("30", 2), ("49.99", 2), ("50", 3), ("69.99", 3),
    ("70", 4), ("89.99", 4), ("90", 5), ("100", 5),
])
def test_stars_at_every_boundary(points, stars):
    assert stars_for(Decimal(points), THRESHOLDS) == stars


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["1048", "148"])
def test_loaded_thresholds_match_the_rules(code):
    assert sorted(CriteriaSet.objects.get(code=code).thresholds()) == [
        (1, Decimal("0")), (2, Decimal("30")), (3, Decimal("50")), (4, Decimal("70")), (5, Decimal("90"))]


@pytest.mark.django_db
@pytest.mark.parametrize("code, maxima", [("1048", {"A": 35, "B": 25, "C": 40}), ("148", {"A": 40, "B": 25, "C": 35})])
def test_part_maxima_of_both_sets(code, maxima):
    parts = CriteriaSet.objects.get(code=code).parts.all()
    assert {p.code: p.max_points for p in parts} == {k: Decimal(v) for k, v in maxima.items()}
    assert sum(p.max_points for p in parts) == 100


@pytest.mark.django_db
def test_tea_sheet_adds_up_to_each_part_and_flags_knockouts():
    criteria = Criterion.objects.filter(part__criteria_set__code="1048", product_group__name="Chè tươi, chế biến")
    by_part = {}
    for c in criteria.select_related("part"):
        by_part[c.part.code] = by_part.get(c.part.code, 0) + c.max_points
    assert by_part == {"A": 35, "B": 25, "C": 40}
    assert set(criteria.filter(knockout=True).values_list("code", flat=True)) == {"1.1", "6.1.3", "9"}


def test_mean_keeps_two_decimals_half_up():
    assert mean_points([Decimal("70"), Decimal("70"), Decimal("69.99")]) == Decimal("70.00")
    assert mean_points([Decimal("50"), Decimal("49.99"), Decimal("49.99")]) == Decimal("49.99")


def test_council_result_is_the_mean_of_the_members_totals():
    result = council_result([Decimal("72"), Decimal("68"), Decimal("71")], THRESHOLDS, LevelCap(3, 4, Decimal(90)))
    assert result.points == Decimal("70.33") and result.stars == 4 and result.outcome == Outcome.RECOGNISED


def test_knock_out_fails_whatever_the_points():
    result = council_result([Decimal("95")] * 3, THRESHOLDS, LevelCap(3, 4, Decimal(90)), knocked_out=True)
    assert result.outcome == Outcome.KNOCKED_OUT and result.stars is None and result.points == Decimal("95.00")


def test_no_scores_is_pending():
    assert council_result([], THRESHOLDS, LevelCap(3, 4, None)).outcome == Outcome.PENDING


def caps():
    return {(r.period.code, r.level): r for r in LevelRule.objects.select_related("period")}


@pytest.mark.django_db
@pytest.mark.parametrize("period, level, points, stars, outcome, potential", [
    # 1048: the province recognises 3★ and 4★; ≥ 90 is recognised at 4★ and proposed as potential 5★
    ("1048", "province", "49.99", None, Outcome.NOT_RECOGNISED, False),
    ("1048", "province", "50", 3, Outcome.RECOGNISED, False),
    ("1048", "province", "89.99", 4, Outcome.RECOGNISED, False),
    ("1048", "province", "90", 4, Outcome.RECOGNISED, True),
    ("1048", "central", "90", 5, Outcome.RECOGNISED, False),
    ("1048", "central", "89.99", None, Outcome.NOT_RECOGNISED, False),
    # 1048: the district scores and forwards ≥ 50 to the province; it recognises nothing
    ("1048", "district", "50", None, Outcome.PROPOSED, False),
    ("1048", "district", "49.99", None, Outcome.NOT_RECOGNISED, False),
    # 148: the district recognises 3★ and forwards ≥ 70; the province recognises 4★
    ("148", "district", "69.99", 3, Outcome.RECOGNISED, False),
    ("148", "district", "70", 3, Outcome.RECOGNISED, False),
    ("148", "district", "95", 3, Outcome.RECOGNISED, False),  # proposed upward, but not "potential 5★"
    ("148", "province", "69.99", None, Outcome.NOT_RECOGNISED, False),
    ("148", "province", "70", 4, Outcome.RECOGNISED, False),
    ("148", "province", "95", 4, Outcome.RECOGNISED, True),
    # 148 + 1489: the province recognises 3★ and 4★ again
    ("148+1489", "province", "50", 3, Outcome.RECOGNISED, False),
    ("148+1489", "province", "90", 4, Outcome.RECOGNISED, True),
    ("148+1489", "central", "90", 5, Outcome.RECOGNISED, False),
])
def test_each_levels_cap_in_each_period(period, level, points, stars, outcome, potential):
    rule = caps()[(period, level)]
    result = council_result([Decimal(points)], THRESHOLDS, rule.cap())
    assert (result.stars, result.outcome, result.potential_five) == (stars, outcome, potential)


@pytest.mark.django_db
def test_148_district_proposes_upward_from_70():
    rule = caps()[("148", "district")]
    assert council_result([Decimal("70")], THRESHOLDS, rule.cap()).proposed_upward
    assert not council_result([Decimal("69.99")], THRESHOLDS, rule.cap()).proposed_upward


@pytest.mark.django_db
def test_district_level_is_abolished_from_06_07_2025():
    assert caps()[("148+1489", "district")].abolished


def test_spread_and_quorum():
    assert spread([Decimal(60), Decimal(70)]) == 10
    assert quorum_met([1, 2, 3], [1, 2, 3, 4], chair_id=1, ratio=Decimal("0.75"))
    assert not quorum_met([2, 3, 4], [1, 2, 3, 4], chair_id=1, ratio=Decimal("0.75"))  # chair missing
    assert not quorum_met([1, 2], [1, 2, 3, 4], chair_id=1, ratio=Decimal("0.75"))
