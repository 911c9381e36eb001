"""Issue 12, parts 2 and 3: draft rounds and councils corrected with history; big actions previewed and confirmed."""

import datetime

from django.urls import reverse

from accounts.roles import Role
from certificates.models import Certificate
from evaluation import services
from evaluation.enums import MemberRole, RoundState
from evaluation.models import CouncilMember, Decision, EvaluationRound
from portal.models import Notification
from tests.factories import UserFactory

DECISION = {"number": "1168/QĐ-UBND", "signed_on": "30/09/2020", "signer_name": "Hà Trọng Hải",
            "signer_title": "KT. Chủ tịch – Phó Chủ tịch"}


def scored(make_round, score, staff_user, products=2):
    round_ = make_round(members=3, products=products)
    for enrolment in round_.enrolments.all():
        score(enrolment, [(30, 20, 30), (28, 20, 32), (29, 21, 30)])
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    producer = round_.enrolments.first().product.producer
    UserFactory(role=Role.PRODUCER, producer=producer, email="chuthe@example.vn")
    return round_


def nothing_written(round_):
    round_.refresh_from_db()
    return (round_.state == RoundState.SCORED and not Decision.objects.exists() and not Certificate.objects.exists()
            and not Notification.objects.exists())


def test_finalising_without_confirming_changes_nothing(login, staff_user, official_user, make_round, score):
    round_ = scored(make_round, score, staff_user)
    client = login(official_user)
    url = reverse("evaluation:finalise", args=[round_.pk])
    preview = client.post(url, DECISION)
    assert preview.status_code == 200 and nothing_written(round_)
    shown = preview.context["preview"]
    page = preview.content.decode()
    numbers = [shown.certificates[e.pk] for e in shown.recognised]
    assert len(numbers) == 2 and all(number in page for number in numbers)
    assert "chuthe@example.vn" in page and len(shown.emails) == 2
    # the token without the ticked box, the box without the token, a forged token: nothing is written
    assert client.post(url, dict(DECISION, token=shown.token)).status_code == 400 and nothing_written(round_)
    assert client.post(url, dict(DECISION, confirm="on")).status_code == 200 and nothing_written(round_)
    assert client.post(url, dict(DECISION, token="0" * 64, confirm="on")).status_code == 409
    assert nothing_written(round_)
    # confirmed: exactly what the preview showed
    assert client.post(url, dict(DECISION, token=shown.token, confirm="on")).status_code == 302
    round_.refresh_from_db()
    assert round_.state == RoundState.DECIDED
    issued = dict(Certificate.objects.values_list("recognition__enrolment_id", "number"))
    assert issued == shown.certificates
    assert sorted(Notification.objects.values_list("email", flat=True)) == sorted(e for _pk, e in shown.emails)


def test_a_preview_gone_stale_is_refused_and_the_new_one_shown(login, staff_user, official_user, make_round, score):
    round_ = scored(make_round, score, staff_user)
    client = login(official_user)
    url = reverse("evaluation:finalise", args=[round_.pk])
    shown = client.post(url, DECISION).context["preview"]
    # meanwhile scoring is re-opened, a product re-scored lower, scoring closed again
    services.set_round_state(round_, RoundState.SCORING, actor=staff_user)
    score(round_.enrolments.first(), [(20, 15, 20), (21, 14, 20), (20, 15, 21)])
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    refused = client.post(url, dict(DECISION, token=shown.token, confirm="on"))
    assert refused.status_code == 409 and nothing_written(round_)
    assert refused.context["preview"].token != shown.token


def test_previewing_takes_no_certificate_number(login, staff_user, official_user, make_round, score):
    round_ = scored(make_round, score, staff_user)
    client = login(official_user)
    url = reverse("evaluation:finalise", args=[round_.pk])
    first = client.post(url, DECISION).context["preview"]
    again = client.post(url, DECISION).context["preview"]
    assert first.certificates == again.certificates and first.token == again.token


def test_cancelling_needs_a_reason_and_a_confirmation(login, staff_user, make_round):
    round_ = make_round(members=3, scoring=False)
    client = login(staff_user)
    url = reverse("evaluation:round_state", args=[round_.pk])
    client.post(url, {"state": "cancelled"})
    client.post(url, {"state": "cancelled", "reason": "Trùng lịch"})
    client.post(url, {"state": "cancelled", "confirm": "on"})
    round_.refresh_from_db()
    assert round_.state == RoundState.DRAFT
    client.post(url, {"state": "cancelled", "reason": "Trùng lịch họp tỉnh", "confirm": "on"})
    round_.refresh_from_db()
    assert round_.state == RoundState.CANCELLED
    assert round_.history.first().history_change_reason == "Trùng lịch họp tỉnh"


def test_a_draft_round_is_corrected_with_its_history(login, staff_user, make_round):
    round_ = make_round(members=3, scoring=False)
    client = login(staff_user)
    url = reverse("evaluation:round_edit", args=[round_.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"number": "2", "starts_on": "16/09/2020", "ends_on": "17/09/2020",
                                 "max_spread": "8", "quorum": "0,75"})
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.number, round_.starts_on, round_.max_spread) == (2, datetime.date(2020, 9, 16), 8)
    assert round_.history.count() == 2 and round_.history.first().history_user == staff_user
    # the year stays the round's; a round no longer a draft is not corrected
    assert client.post(url, {"number": "2", "starts_on": "16/09/2021", "max_spread": "8", "quorum": "0,75"}
                       ).status_code == 200
    services.set_round_state(round_, RoundState.SCORING, actor=staff_user)
    assert client.get(url).status_code == 302
    round_.refresh_from_db()
    assert round_.starts_on == datetime.date(2020, 9, 16)


def test_the_council_is_corrected_reordered_and_shrunk_while_a_draft(login, staff_user, make_round):
    round_ = make_round(members=3, scoring=False)
    client = login(staff_user)
    first, second, third = round_.members.order_by("position", "pk")
    url = reverse("evaluation:member", args=[round_.pk, third.pk])
    client.post(url, {"action": "edit", "name": "Lò Văn Tám", "role": MemberRole.SECRETARY,
                      "title": "Phó Giám đốc", "unit": "Sở Nông nghiệp và Môi trường"})
    third.refresh_from_db()
    assert (third.name, third.unit) == ("Lò Văn Tám", "Sở Nông nghiệp và Môi trường")
    client.post(url, {"action": "up"})
    assert list(round_.members.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    # a second chair is refused
    client.post(url, {"action": "edit", "name": "Lò Văn Tám", "role": MemberRole.CHAIR})
    third.refresh_from_db()
    assert third.role == MemberRole.SECRETARY
    client.post(reverse("evaluation:member", args=[round_.pk, second.pk]), {"action": "remove"})
    assert round_.members.count() == 2
    assert CouncilMember.history.filter(round_id=round_.pk, history_type="-").count() == 1
    services.set_round_state(round_, RoundState.SCORING, actor=staff_user)
    client.post(url, {"action": "remove"})
    assert round_.members.count() == 2


def test_another_province_cannot_touch_the_council(login, make_round, other_staff_user):
    round_ = make_round(members=3, scoring=False)
    member = round_.members.first()
    client = login(other_staff_user)
    assert client.post(reverse("evaluation:member", args=[round_.pk, member.pk]),
                       {"action": "remove"}).status_code == 404
    assert client.get(reverse("evaluation:round_edit", args=[round_.pk])).status_code == 404
    assert EvaluationRound.objects.get(pk=round_.pk).members.count() == 3
