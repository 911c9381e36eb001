"""The two Lai Châu 2020 rounds (fixtures/lai_chau_2020_rounds.json), run through the real services:
create the round and council, enrol, record every member's points, close scoring, finalise the decision."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from evaluation import services
from evaluation.enums import RoundState
from evaluation.models import CriteriaSet, EvaluationRound
from geo.models import Province
from products.models import Product, ProductGroup
from products.services import reclassify_product

ROUNDS_FILE = Path(settings.BASE_DIR) / "fixtures" / "lai_chau_2020_rounds.json"


def _date(text):
    return datetime.date.fromisoformat(text)


def _run_round(round_, spec, *, staff, official, groups=None, reason=""):
    """Council, enrolment, every member's points per part, closing and the decision, through the services.
    With `groups`, each product is first reclassified to `groups[item["group"]]` with `reason`."""
    members = [services.add_member(round_, position=i, actor=staff, **m)
               for i, m in enumerate(spec["council"], start=1)]
    services.set_round_state(round_, RoundState.SCORING, actor=staff)
    parts = list(round_.criteria_set.parts.all())
    for item in spec["products"]:
        product = Product.objects.select_related("producer", "group").get(
            producer__registration_code=item["producer"], name=item["product"])
        if groups is not None:
            reclassify_product(product, groups[item["group"]], reason=reason, actor=staff)
        enrolment = services.enrol_product(round_, product, actor=staff)
        values = {(member.pk, f"p{part.pk}"): str(points)
                  for member, row in zip(members, item["scores"]) for part, points in zip(parts, row)}
        services.record_scores(enrolment, values, actor=staff, expected_version=enrolment.version)
    services.set_round_state(round_, RoundState.SCORED, actor=staff)
    decision = spec["decision"]
    return services.finalise_decision(round_, number=decision["number"], signed_on=_date(decision["signed_on"]),
                                      signer_name=decision["signer_name"], signer_title=decision["signer_title"],
                                      actor=official)


@transaction.atomic
def load_demo_rounds(*, staff=None, official=None, path: Path = ROUNDS_FILE) -> list[EvaluationRound]:
    """Create and decide the demo rounds; a round that already exists is left as it is."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    province = Province.objects.get(code=data["province"])
    criteria_set = CriteriaSet.objects.get(code=data["criteria_set"])
    rounds = []
    for spec in data["rounds"]:
        existing = EvaluationRound.objects.filter(province=province, level=data["level"], year=data["year"],
                                                  number=spec["number"]).first()
        if existing:
            rounds.append(existing)
            continue
        round_ = services.create_round(province=province, year=data["year"], number=spec["number"],
                                       level=data["level"], criteria_set=criteria_set,
                                       starts_on=_date(spec["starts_on"]), ends_on=_date(spec["ends_on"]),
                                       actor=staff)
        _run_round(round_, spec, staff=staff, official=official)
        round_.refresh_from_db()
        rounds.append(round_)
    return rounds


SAMPLE_FILE = Path(settings.BASE_DIR) / "fixtures" / "lai_chau_2026_sample.json"


@transaction.atomic
def load_sample_reevaluation(*, staff=None, official=None, path: Path = SAMPLE_FILE):
    """SAMPLE DATA, labelled as such: a 2026 re-evaluation under QĐ 26/2026/QĐ-TTg of part of the 2020 products
    (reclassified first, with the reason recorded), its decision and certificates (one of which the certificates
    app's demo then revokes). Run through the real services; a round that already exists is left as it is."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    province = Province.objects.get(code=data["province"])
    starts_on = _date(data["starts_on"])
    existing = EvaluationRound.objects.filter(province=province, level=data["level"], year=starts_on.year,
                                              number=data["number"]).first()
    if existing:
        return existing
    round_ = services.create_round(province=province, number=data["number"], level=data["level"],
                                   starts_on=starts_on, ends_on=_date(data["ends_on"]), actor=staff)
    groups = {g.name: g for g in ProductGroup.objects.filter(scheme=round_.criteria_set.classification)}
    _run_round(round_, data, staff=staff, official=official, groups=groups, reason=data["reclassification_reason"])
    round_.refresh_from_db()
    return round_
