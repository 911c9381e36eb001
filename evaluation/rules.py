"""Pure functions of the OCOP rules: no database, tested at every boundary.

A council's result: the mean of the members' totals (two decimals), stars from the criteria set's
thresholds, capped to what the council's level may recognise, "không đạt" on a knock-out.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from evaluation.enums import Outcome

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class LevelCap:
    """What a council level may recognise in a period; None min/max: it recognises nothing itself."""

    min_stars: int | None
    max_stars: int | None
    forward_from: Decimal | None = None
    screening: bool = False  # the commune's screening (26/2026): 1–2★ without a decision, else proposed


@dataclass(frozen=True)
class CouncilResult:
    points: Decimal | None
    raw_stars: int | None
    stars: int | None
    outcome: str
    proposed_upward: bool = False
    potential_five: bool = False


def mean_points(totals) -> Decimal:
    """Arithmetic mean of the members' totals, kept to two decimals (half up)."""
    totals = [Decimal(t) for t in totals]
    return (sum(totals) / len(totals)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def stars_for(points: Decimal, thresholds) -> int:
    """Stars for a mean total; thresholds are (stars, minimum points) pairs, half-open intervals."""
    points = Decimal(points)
    for stars, minimum in sorted(thresholds, key=lambda t: -t[1]):
        if points >= Decimal(minimum):
            return stars
    raise ValueError(f"no star band holds {points} points")


def spread(totals) -> Decimal:
    totals = [Decimal(t) for t in totals]
    return max(totals) - min(totals) if totals else Decimal(0)


def quorum_met(scored_member_ids, all_member_ids, chair_id, ratio: Decimal) -> bool:
    """At least `ratio` of the council scored, the chair among them."""
    scored = set(scored_member_ids)
    if not all_member_ids or chair_id not in scored:
        return False
    return Decimal(len(scored)) >= Decimal(len(set(all_member_ids))) * Decimal(ratio)


def council_result(totals, thresholds, cap: LevelCap, knocked_out: bool = False) -> CouncilResult:
    """The council's result for one product from its members' totals."""
    if not totals:
        return CouncilResult(None, None, None, Outcome.PENDING)
    points = mean_points(totals)
    raw = stars_for(points, thresholds)
    if knocked_out:
        return CouncilResult(points, raw, None, Outcome.KNOCKED_OUT)
    proposed = cap.forward_from is not None and points >= Decimal(cap.forward_from) and (
        cap.max_stars is None or raw > cap.max_stars)
    if cap.screening:  # the commune ranks 1★–2★ itself and sends the rest to the province
        if proposed:
            return CouncilResult(points, raw, None, Outcome.PROPOSED, proposed_upward=True)
        return CouncilResult(points, raw, raw, Outcome.SCREENED)
    if cap.max_stars is None:  # this level scores and forwards, it does not recognise
        outcome = Outcome.PROPOSED if proposed else Outcome.NOT_RECOGNISED
        return CouncilResult(points, raw, None, outcome, proposed_upward=proposed)
    if raw < cap.min_stars:
        return CouncilResult(points, raw, None, Outcome.NOT_RECOGNISED)
    stars = min(raw, cap.max_stars)
    # "Tiềm năng 5 sao": recognised at 4★ (the cap) with 5★ points, proposed to the central level.
    return CouncilResult(points, raw, stars, Outcome.RECOGNISED, proposed_upward=proposed,
                         potential_five=proposed and raw == 5 and stars == 4)
