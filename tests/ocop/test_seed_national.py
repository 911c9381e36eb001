"""seed_national on a small size: counts in proportion, every result and certificate as the rules and services make
them, standing of each kind, the same data from the same seed, and refusals."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from certificates.enums import VALIDITY_MONTHS, CertificateState
from certificates.models import Certificate
from certificates.numbering import format_number, valid_until
from certificates.standing import annotate_standing, standing_of
from evaluation import services
from evaluation.enums import CouncilLevel, Outcome, RoundState
from evaluation.models import CouncilMember, Decision, Enrolment, EvaluationRound, LevelRule, Recognition, Score
from evaluation.queries import round_report
from evaluation.rules import council_result, mean_points
from geo.models import Province
from ocop.seeding.reference import ANCHOR, PASSWORD
from products.enums import ProductStatus, Standing
from products.models import DossierEvent, Producer, Product
from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db

PRODUCTS = 200


def seed(products=PRODUCTS, seed=7, **options):
    out = StringIO()
    call_command("seed_national", products=products, seed=seed, allow_production=True, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded():
    return seed()


def digest():
    """What the seed drew: names, points, results, certificate numbers, states and dates."""
    h = hashlib.sha256()
    rows = [
        Product.objects.order_by("producer__registration_code", "name").values_list(
            "producer__registration_code", "producer__name", "producer__commune__code", "name", "group__name",
            "status", "created_at"),
        Enrolment.objects.order_by("round__starts_on", "round__level", "round__province__code",
                                   "round__district__code", "round__number", "position").values_list(
            "round__starts_on", "product__name", "points", "stars", "outcome", "knockout_note"),
        Score.objects.order_by("enrolment__round__starts_on", "enrolment__round__level",
                               "enrolment__round__province__code", "enrolment__round__district__code",
                               "enrolment__round__number", "enrolment__position", "member__position",
                               "part__position").values_list("points"),
        Certificate.objects.order_by("number").values_list("number", "stars", "state", "issued_on", "ended_on",
                                                           "product__name", "decision_number"),
    ]
    for queryset in rows:
        for row in queryset:
            h.update(repr(row).encode())
    return h.hexdigest()


def test_seed_national_counts_in_proportion(seeded):
    rounds = EvaluationRound.objects.count()
    scored = Enrolment.objects.exclude(points=None).count()
    assert Producer.objects.count() == PRODUCTS // 2
    assert Product.objects.count() == PRODUCTS
    assert PRODUCTS / 20 <= rounds <= PRODUCTS / 5
    assert CouncilMember.objects.count() == 7 * rounds
    assert Score.objects.count() == 7 * 3 * scored  # seven members, three parts
    assert 1.05 * PRODUCTS <= Enrolment.objects.count() <= 1.4 * PRODUCTS
    decided = EvaluationRound.objects.filter(state=RoundState.DECIDED)
    assert Decision.objects.count() == decided.count() == rounds - EvaluationRound.objects.filter(
        state=RoundState.SCORING).count()
    assert Certificate.objects.count() == Recognition.objects.count() >= 0.8 * PRODUCTS
    assert set(EvaluationRound.objects.values_list("level", flat=True)) == {
        CouncilLevel.DISTRICT, CouncilLevel.PROVINCE, CouncilLevel.CENTRAL}
    assert Province.objects.count() == 34
    # logins: staff and an official for every province, a producer where there is data, one administrator
    provinces = Province.objects.all()
    assert {u.username for u in User.objects.filter(role=Role.STAFF)} == {f"seed-canbo-{p.code:02d}" for p in provinces}
    assert User.objects.filter(role=Role.OFFICIAL, username__startswith="seed-lanhdao-").count() == 34
    producer_login = User.objects.get(role=Role.PRODUCER)
    assert producer_login.username == f"seed-chuthe-{producer_login.producer.province.code:02d}"
    assert producer_login.check_password(PASSWORD) and User.objects.get(username="seed-admin").is_administrator
    # the command tells how long each phase took and what it wrote
    assert "write evaluation_score" in seeded and "Done in" in seeded and PASSWORD in seeded
    assert f"  {'scores':<28}{Score.objects.count():>10,}" in seeded


def test_seeded_results_are_what_the_rules_and_services_compute(seeded):
    """Every product's points, stars and outcome recomputed from its scores with the rules (and, for the first
    product of each round, by the service that stages results); every decided round closable (quorum, spread),
    its decision recognising exactly its recognised products."""
    totals = {}
    for enrolment_id, member_id, points in Score.objects.values_list("enrolment_id", "member_id", "points"):
        member_totals = totals.setdefault(enrolment_id, {})
        member_totals[member_id] = member_totals.get(member_id, 0) + points
    caps = {(rule.period_id, rule.level): rule.cap() for rule in LevelRule.objects.all()}
    for enrolment in Enrolment.objects.select_related("round__criteria_set"):
        round_ = enrolment.round
        result = council_result(list(totals.get(enrolment.pk, {}).values()), round_.criteria_set.thresholds(),
                                caps[(round_.period_id, round_.level)], knocked_out=bool(enrolment.knockout_note))
        assert (enrolment.points, enrolment.stars, enrolment.outcome, enrolment.proposed_upward,
                enrolment.potential_five) == (result.points, result.stars, result.outcome, result.proposed_upward,
                                              result.potential_five)
        if enrolment.position == 1:
            services.recompute_result(enrolment)
            staged = Enrolment.objects.get(pk=enrolment.pk)
            assert (staged.points, staged.stars, staged.outcome, staged.needs_rescoring) == (
                enrolment.points, enrolment.stars, enrolment.outcome, False)
    for round_ in EvaluationRound.objects.filter(state=RoundState.DECIDED):
        assert services.closing_problems(round_) == []
        recognised = {(e.product_id, e.stars) for e in round_.enrolments.filter(outcome=Outcome.RECOGNISED)}
        assert {(r.product_id, r.stars) for r in round_.decision.recognitions.all()} == recognised
        assert round_.decision.signed_on >= round_.starts_on and round_.decision.signed_on < ANCHOR
    assert Enrolment.objects.filter(outcome=Outcome.KNOCKED_OUT).exists()
    assert Enrolment.objects.filter(proposed_upward=True, round__level=CouncilLevel.DISTRICT).exists()
    # a product goes up only after the level below decided
    for enrolment in Enrolment.objects.filter(round__level=CouncilLevel.CENTRAL).select_related("round"):
        assert Enrolment.objects.filter(product=enrolment.product, proposed_upward=True, round__state="decided",
                                        round__decision__signed_on__lt=enrolment.round.starts_on).exists()


def test_seeded_certificates_follow_numbering_validity_and_supersession(seeded):
    for certificate in Certificate.objects.select_related("recognition__enrolment", "province", "superseded_by",
                                                          "decision"):
        recognition = certificate.recognition
        assert certificate.stars == recognition.stars == recognition.enrolment.stars
        assert certificate.product_id == recognition.product_id == recognition.enrolment.product_id
        assert certificate.number == format_number("OCOP-{province:02d}-{year}-{seq:04d}",
                                                   province=certificate.province.code, year=certificate.year,
                                                   seq=certificate.sequence)
        assert certificate.issued_on == certificate.in_force_from == certificate.decision.signed_on
        assert certificate.expires_on == valid_until(certificate.issued_on, VALIDITY_MONTHS)
        if certificate.state == CertificateState.SUPERSEDED:
            successor = certificate.superseded_by
            assert successor.product_id == certificate.product_id
            assert certificate.ended_on == successor.in_force_from <= certificate.expires_on
        elif certificate.state == CertificateState.REVOKED:
            assert certificate.revoked_reason and certificate.revoked_by.role == Role.OFFICIAL
            assert certificate.in_force_from < certificate.ended_on <= certificate.expires_on
        else:
            assert certificate.state == CertificateState.VALID and certificate.ended_on is None
    # sequences run from 1 in each province and year, without gaps
    for row in Certificate.objects.values("province", "year").annotate(n=Count("pk")).order_by():
        sequences = Certificate.objects.filter(province=row["province"], year=row["year"]).values_list(
            "sequence", flat=True)
        assert sorted(sequences) == list(range(1, row["n"] + 1))
    states = set(Certificate.objects.with_state_on(ANCHOR).values_list("state_on", flat=True))
    assert states == {CertificateState.VALID, CertificateState.EXPIRED, CertificateState.REVOKED,
                      CertificateState.SUPERSEDED}
    # history: each certificate as issued, then as it ended
    assert Certificate.history.filter(history_type="+").count() == Certificate.objects.count()
    assert Certificate.history.filter(history_type="~").count() == Certificate.objects.exclude(ended_on=None).count()


def test_seeded_standing_and_registry(seeded, client):
    day = timezone.localdate()
    products = {p.pk: p for p in annotate_standing(Product.objects.all(), day)}
    by_standing = {}
    for product in products.values():
        by_standing.setdefault(product.standing, []).append(product)
    assert set(by_standing) >= {Standing.RECOGNISED, Standing.EXPIRED, Standing.REVOKED, Standing.NONE}
    for code, listed in by_standing.items():
        product = Product.objects.get(pk=listed[0].pk)  # without the annotation: standing_of runs it alone
        assert standing_of(product, day).code == code
    statuses = set(Product.objects.values_list("status", flat=True))
    assert statuses == {ProductStatus.DRAFT, ProductStatus.SUBMITTED, ProductStatus.IN_EVALUATION,
                        ProductStatus.DECIDED}
    assert DossierEvent.objects.filter(product__status=ProductStatus.SUBMITTED).exists()
    recognised = by_standing[Standing.RECOGNISED][0]
    response = client.get(reverse("products:registry"), {"q": recognised.name})
    assert response.status_code == 200 and recognised.name in response.content.decode()
    lapsed = by_standing[Standing.REVOKED][0]
    response = client.get(reverse("products:registry"), {"standing": "lapsed", "q": lapsed.name})
    assert response.status_code == 200 and lapsed.name in response.content.decode()
    assert client.get(reverse("products:detail", args=[recognised.pk])).status_code == 200


def test_seeded_round_report_matches_its_decision(seeded):
    round_ = (EvaluationRound.objects.filter(state=RoundState.DECIDED, level=CouncilLevel.PROVINCE)
              .annotate(n=Count("enrolments")).order_by("-n", "pk").first())
    report = round_report(round_).as_dict()
    decision = round_.decision
    assert report["decision"]["number"] == decision.number
    assert report["products"] == round_.enrolments.count()
    recognised = {(r["product"], r["stars"]) for r in report["results"] if r["outcome"] == Outcome.RECOGNISED}
    assert recognised == {(r.product.name, r.stars) for r in decision.recognitions.select_related("product")}
    assert sum(report["stars"].values()) == decision.recognitions.count()
    for row in report["results"]:
        assert row["points"] == str(mean_points(row["member_totals"]))


def test_seed_is_reproducible_from_its_seed():
    seed(seed=3)
    first = digest()
    seed(seed=3, reset=True)
    assert digest() == first
    seed(seed=4, reset=True)
    assert digest() != first


def test_seed_refuses_data_it_did_not_write():
    ProducerFactory()
    with pytest.raises(CommandError, match="did not write"):
        seed()


def test_seed_again_needs_reset_which_deletes_only_the_seed(seeded):
    admin = User.objects.create_user("quantri", role=Role.ADMIN)
    with pytest.raises(CommandError, match="already seeded"):
        seed()
    seed(reset=True)
    assert User.objects.filter(pk=admin.pk).exists()
    assert Product.objects.count() == PRODUCTS
    assert Product.history.count() == PRODUCTS


def test_seed_refuses_with_debug_off_without_allow_production():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_national", products=PRODUCTS, stdout=StringIO())


def test_seeded_database_keeps_working(seeded):
    """Ids continue after the seeded ones: the services add rounds and products as usual."""
    province = Province.objects.filter(producers__isnull=False).first()
    staff = User.objects.get(username=f"seed-canbo-{province.code:02d}")
    round_ = services.create_round(province=province, number=99, starts_on=ANCHOR, actor=staff)
    services.add_member(round_, name="Chủ tịch", role="chair", actor=staff)
    producer = Producer.objects.filter(province=province).first()
    product = Product.objects.create(producer=producer, name="Sản phẩm mới", group=producer.products.first().group)
    assert round_.pk > EvaluationRound.objects.exclude(pk=round_.pk).latest("pk").pk
    assert product.pk > Product.objects.exclude(pk=product.pk).latest("pk").pk
