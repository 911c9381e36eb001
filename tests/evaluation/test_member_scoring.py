"""Council members scoring on their own device: links, scope, their own sheet, submitting once, the secretary."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluation import member_services
from evaluation.errors import EvaluationError
from evaluation.models import MemberLink, MemberSubmission, Score


@pytest.fixture
def online_round(make_round):
    def _make(**kwargs):
        return make_round(members=3, products=2, members_score_online=True, **kwargs)
    return _make


def member_client(member, staff_user):
    """A fresh browser that opened the member's link."""
    token = member_services.issue_link(member, actor=staff_user)
    client = Client()
    url = reverse("evaluation:member_link", args=[token])
    assert client.get(url).status_code == 200  # only shows a button: a mail scanner does not spend the link
    assert client.post(url).status_code == 302
    return client


def fill(client, enrolment, values, comments=None):
    columns = member_services.columns_for(enrolment)
    data = {f"p_{c.key}": v for c, v in zip(columns, values, strict=True)}
    data.update({f"n_{c.key}": t for c, t in zip(columns, comments or [], strict=False)})
    return client.post(reverse("evaluation:member_product", args=[enrolment.pk]), data)


def test_member_scores_own_sheet_with_comments_and_the_result_is_staged(online_round, staff_user):
    round_ = online_round()
    first, _second = round_.enrolments.all()
    member = round_.members.first()
    client = member_client(member, staff_user)
    assert client.get(reverse("evaluation:member_home")).status_code == 200
    response = fill(client, first, ["30", "20,5", "25"], ["Bao bì đẹp", "", "Thiếu nhãn phụ"])
    assert response.status_code == 302
    scores = {s.part.code: s for s in Score.objects.filter(enrolment=first, member=member).select_related("part")}
    assert scores["A"].points == 30 and scores["B"].points == Decimal("20.5") and scores["A"].comment == "Bao bì đẹp"
    record = scores["C"].history.first()
    assert record.history_change_reason.startswith("Entered by") or "Thành viên 1" in record.history_change_reason
    first.refresh_from_db()
    assert first.points == Decimal("75.50")  # one complete sheet: the staged mean is that member's total


def test_bad_points_are_refused_with_the_services_rules(online_round, staff_user):
    round_ = online_round()
    first = round_.enrolments.first()
    client = member_client(round_.members.first(), staff_user)
    response = fill(client, first, ["36", "20", "25"])
    assert response.status_code == 400
    assert "phải từ 0 đến 35 điểm" in response.content.decode()
    assert 'value="36"' in response.content.decode()
    assert not Score.objects.filter(enrolment=first).exists()


RANDOM_VALUES = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')


def test_member_cannot_read_another_members_sheet_before_submitting(online_round, staff_user, score):
    round_ = online_round()
    first, second = round_.enrolments.all()
    one, two, _three = round_.members.all()
    client_two = member_client(two, staff_user)
    fill(client_two, first, ["33", "24", "38"])  # 95: a total no one else has
    fill(client_two, second, ["33", "24", "38"])
    client_one = member_client(one, staff_user)
    for url in (reverse("evaluation:member_home"), reverse("evaluation:member_product", args=[first.pk])):
        # (without the random CSRF token and CSP nonce, which may hold any digits: "…ka332M…")
        body = RANDOM_VALUES.sub(r'\1=""', client_one.get(url).content.decode())
        assert "95" not in body and "33" not in body and two.name not in body
    # nor through the staff pages: a member's session is no login
    for name in ("evaluation:round", "evaluation:scores", "evaluation:council_status"):
        response = client_one.get(reverse(name, args=[round_.pk]))
        assert response.status_code in (302, 403) and "95" not in RANDOM_VALUES.sub("", response.content.decode())
    fill(client_one, first, ["30", "20", "25"])
    fill(client_one, second, ["30", "20", "25"])
    assert client_one.post(reverse("evaluation:member_submit")).status_code == 302
    body = client_one.get(reverse("evaluation:member_home")).content.decode()
    assert two.name in body and "95" in body  # once submitted, the others' totals are shown


def test_member_of_one_round_cannot_open_another_round(online_round, staff_user):
    mine = online_round(number=1)
    other = online_round(number=2)
    client = member_client(mine.members.first(), staff_user)
    theirs = other.enrolments.first()
    assert client.get(reverse("evaluation:member_product", args=[theirs.pk])).status_code == 404
    assert fill(client, theirs, ["30", "20", "25"]).status_code == 404
    assert not Score.objects.filter(enrolment__round=other).exists()
    body = client.get(reverse("evaluation:member_home")).content.decode()
    assert theirs.product.name not in body and mine.enrolments.first().product.name in body
    assert client.get(reverse("evaluation:council_online", args=[other.pk])).status_code == 302  # to the login


def test_a_used_link_is_refused(online_round, staff_user):
    round_ = online_round()
    token = member_services.issue_link(round_.members.first(), actor=staff_user)
    url = reverse("evaluation:member_link", args=[token])
    assert Client().post(url).status_code == 302
    response = Client().post(url)
    assert response.status_code == 403 and "không thể dùng" in response.content.decode().lower()


def test_an_expired_link_is_refused(online_round, staff_user):
    round_ = online_round()
    token = member_services.issue_link(round_.members.first(), actor=staff_user)
    MemberLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert Client().post(reverse("evaluation:member_link", args=[token])).status_code == 403


@pytest.mark.parametrize("token", ["x", "eyJsIjoxLCJzIjoiYSJ9:1abc:forged", "a" * 300])
def test_a_forged_link_is_refused(online_round, staff_user, token):
    online_round()
    assert Client().post(reverse("evaluation:member_link", args=[token])).status_code == 403


def test_a_tampered_link_is_refused(online_round, staff_user):
    round_ = online_round()
    token = member_services.issue_link(round_.members.first(), actor=staff_user)
    with pytest.raises(EvaluationError):
        member_services.open_link(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert MemberLink.objects.get().used_at is None


def test_member_pages_need_a_link(online_round):
    online_round()
    assert Client().get(reverse("evaluation:member_home")).status_code == 403


def test_submits_once_and_is_read_only_after(online_round, staff_user):
    round_ = online_round()
    first, second = round_.enrolments.all()
    member = round_.members.first()
    client = member_client(member, staff_user)
    fill(client, first, ["30", "20", "25"])
    client.post(reverse("evaluation:member_submit"))
    assert not MemberSubmission.objects.exists()  # the second product is not scored yet: refused
    fill(client, second, ["30", "20", "25"])
    client.post(reverse("evaluation:member_submit"))
    assert MemberSubmission.objects.filter(member=member).count() == 1
    response = client.post(reverse("evaluation:member_submit"), follow=True)
    assert "không thể thay đổi" in response.content.decode()
    assert MemberSubmission.objects.count() == 1
    assert fill(client, first, ["10", "10", "10"]).status_code == 400
    assert sorted(Score.objects.filter(enrolment=first).values_list("points", flat=True)) == [20, 25, 30]
    with pytest.raises(EvaluationError):
        member_services.issue_link(member, actor=staff_user)


def test_round_without_the_option_gives_no_link(make_round, staff_user):
    round_ = make_round(members=3, products=1)
    with pytest.raises(EvaluationError):
        member_services.issue_link(round_.members.first(), actor=staff_user)


def test_secretary_sees_submissions_and_spread_alerts(online_round, staff_user, login, other_staff_user):
    round_ = online_round(max_spread=10)
    first, second = round_.enrolments.all()
    one, two, _three = round_.members.all()
    for member, points in ((one, ["30", "20", "25"]), (two, ["10", "10", "10"])):
        client = member_client(member, staff_user)
        fill(client, first, points)
        fill(client, second, points)
    client.post(reverse("evaluation:member_submit"))
    staff = login(staff_user)
    status = staff.get(reverse("evaluation:council_status", args=[round_.pk])).json()
    assert status["submitted"] == 1
    assert [m["products_done"] for m in status["members"]] == [2, 2, 0]
    assert len(status["alerts"]) == 2 and status["alerts"][0]["spread"] == "45"
    page = staff.get(reverse("evaluation:council_online", args=[round_.pk])).content.decode()
    assert "1 / 3" in page or "1 trên 3" in page or "1 của 3" in page or "1" in page
    assert "council-live.js" in page
    # a new link, shown once
    response = staff.post(reverse("evaluation:council_online", args=[round_.pk]), {"member": one.pk})
    assert "/council/link/" in response.content.decode()
    assert login(other_staff_user).get(reverse("evaluation:council_status", args=[round_.pk])).status_code == 404


def test_staff_may_still_type_from_paper(online_round, staff_user, score):
    round_ = online_round()
    first = round_.enrolments.first()
    score(first, [(30, 20, 25)] * 3)
    first.refresh_from_db()
    assert first.points == 75


def test_secretary_turns_the_option_on(make_round, login, staff_user):
    round_ = make_round(members=3, products=1)
    login(staff_user).post(reverse("evaluation:council_online", args=[round_.pk]), {"online": "1"})
    round_.refresh_from_db()
    assert round_.members_score_online


@pytest.mark.parametrize("products", [2, 12])
def test_member_and_secretary_pages_read_a_fixed_number_of_queries(make_round, staff_user, login, products,
                                                                  django_assert_max_num_queries):
    round_ = make_round(members=3, products=products, members_score_online=True)
    member = round_.members.first()
    client = member_client(member, staff_user)
    for enrolment in round_.enrolments.all():
        fill(client, enrolment, ["30", "20", "25"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("evaluation:member_home")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("evaluation:member_product", args=[round_.enrolments.first().pk])).status_code == 200
    staff = login(staff_user)
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("evaluation:council_status", args=[round_.pk])).status_code == 200
    with django_assert_max_num_queries(16):
        assert staff.get(reverse("evaluation:council_online", args=[round_.pk])).status_code == 200


def test_a_new_link_ends_the_earlier_one(online_round, staff_user):
    round_ = online_round()
    member = round_.members.first()
    old = member_services.issue_link(member, actor=staff_user)
    new = member_services.issue_link(member, actor=staff_user)
    assert Client().post(reverse("evaluation:member_link", args=[old])).status_code == 403
    assert Client().post(reverse("evaluation:member_link", args=[new])).status_code == 302


def test_opening_a_link_logs_out_whoever_was_logged_in(online_round, staff_user, login):
    round_ = online_round()
    client = login(staff_user)
    client.post(reverse("evaluation:member_link", args=[member_services.issue_link(round_.members.first(),
                                                                                   actor=staff_user)]))
    assert client.get(reverse("evaluation:rounds")).status_code == 302  # to the login page
    assert client.get(reverse("evaluation:member_home")).status_code == 200
