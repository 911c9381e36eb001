import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation import services
from evaluation.enums import Outcome, RoundState
from evaluation.models import EvaluationRound, Score
from evaluation.queries import score_sheet, sheet_pages
from tests.concurrency import at_once, submit_at_once
from tests.factories import HistoricalDistrictFactory, UserFactory


def sheet_data(round_, values_by_product=None, version=None):
    """POST data for the whole sheet: every cell as currently saved, overridden by values_by_product."""
    members, rows = score_sheet(round_)
    data = {}
    for row in rows:
        e = row.enrolment
        data[f"v_{e.pk}"] = str(e.version if version is None else version)
        data[f"k_{e.pk}"] = e.knockout_note
        typed = (values_by_product or {}).get(e.pk)
        for i, member in enumerate(members):
            for j, column in enumerate(row.columns):
                value = typed[i][j] if typed else row.scores.get((member.pk, column.key), "")
                data[f"s_{e.pk}_{member.pk}_{column.key}"] = str(value)
    return data


def test_staff_enters_scores_on_the_sheet(login, staff_user, make_round):
    round_ = make_round(members=3, products=2)
    first, second = round_.enrolments.all()
    url = reverse("evaluation:scores", args=[round_.pk])
    response = login(staff_user).post(url, sheet_data(round_, {
        first.pk: [("30", "20", "25,5")] * 3, second.pk: [("20", "15", "20")] * 3}))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.points, first.stars) == (Decimal("75.50"), 4)
    assert (second.points, second.stars) == (Decimal("55.00"), 3)


def test_bad_cells_are_refused_in_vietnamese_and_nothing_saved_is_lost(login, staff_user, make_round, score):
    round_ = make_round(members=3, products=2)
    first, second = round_.enrolments.all()
    score(first, [(30, 20, 25)] * 3)
    client = login(staff_user)
    response = client.post(reverse("evaluation:scores", args=[round_.pk]), sheet_data(round_, {
        first.pk: [("36", "20", "25"), ("-2", "20", "25"), ("abc", "20", "25")],
        second.pk: [("20", "15", "20")] * 3}))
    body = response.content.decode()
    assert response.status_code == 400
    assert "phải từ 0 đến 35 điểm" in body
    assert "không phải là số" in body
    assert "Chưa lưu gì" in body
    assert 'value="36"' in body and 'value="abc"' in body  # what was typed is kept in the form
    assert sorted(Score.objects.filter(enrolment=first).values_list("points", flat=True)) == sorted(
        [Decimal(v) for v in (30, 20, 25)] * 3)
    assert not Score.objects.filter(enrolment=second).exists()


def test_concurrent_edits_of_one_sheet_conflict_and_keep_both_values(client, staff_user, make_round, lai_chau):
    round_ = make_round(members=3, products=2)
    first, second = round_.enrolments.all()
    other_staff = UserFactory(username="canbo2", role="staff", province=lai_chau)
    opened = sheet_data(round_)  # both open the empty sheet
    url = reverse("evaluation:scores", args=[round_.pk])

    client.force_login(staff_user)
    mine = dict(opened, **{k: v for k, v in sheet_data(round_, {first.pk: [("30", "20", "30")] * 3}).items()
                            if k.startswith(f"s_{first.pk}_")})
    assert client.post(url, mine).status_code == 302

    client.force_login(other_staff)
    theirs = dict(opened, **{k: v for k, v in sheet_data(round_, {
        first.pk: [("10", "10", "10")] * 3, second.pk: [("20", "15", "20")] * 3}).items() if k.startswith("s_")})
    response = client.post(url, theirs)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Có người khác đã lưu điểm" in body
    assert 'value="10"' in body  # their typed values are still in the form
    assert "đã lưu: 30" in body  # beside what is saved now
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.points == Decimal("80.00")  # no lost update
    assert second.points == Decimal("55.00")  # the other product was saved
    # Saving again, knowingly, overwrites
    again = {k: v for k, v in response.context["form"].data.items()}
    assert client.post(url, again).status_code == 302
    first.refresh_from_db()
    assert first.points == Decimal("30.00")


def test_score_sheet_queries_do_not_grow_with_products_or_members(login, staff_user, make_round, score,
                                                                  django_assert_max_num_queries):
    client = login(staff_user)
    small = make_round(members=3, products=2, number=1)
    for e in small.enrolments.all():
        score(e, [(30, 20, 30)] * 3)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("evaluation:scores", args=[small.pk])).status_code == 200
    big = make_round(members=7, products=24, number=2)
    for e in big.enrolments.all():
        score(e, [(30, 20, 30)] * 7)
    with django_assert_max_num_queries(20) as many:
        response = client.get(reverse("evaluation:scores", args=[big.pk]))
    assert response.content.decode().count('inputmode="decimal"') == 24 * 7 * 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_detailed_sheet_scores_per_criterion(login, staff_user, make_round):
    round_ = make_round(members=3, products=1, detailed_scoring=True)
    enrolment = round_.enrolments.get()  # ProductFactory's group is "Chè tươi, chế biến"
    members, rows = score_sheet(round_)
    assert [c.label for c in rows[0].columns][:3] == ["1.1", "1.2", "1.3"] and len(rows[0].columns) == 31
    data = sheet_data(round_, {enrolment.pk: [[str(c.max_points) for c in rows[0].columns]] * 3})
    assert login(staff_user).post(reverse("evaluation:scores_product", args=[round_.pk, enrolment.pk]),
                                  data).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.points == Decimal("100.00") and enrolment.stars == 4 and enrolment.potential_five


def test_decided_round_refuses_the_sheet_and_the_admin(login, staff_user, admin_user, decided_round):
    enrolment = decided_round.enrolments.first()
    client = login(staff_user)
    url = reverse("evaluation:scores", args=[decided_round.pk])
    assert client.get(url).status_code == 302
    response = client.post(url, sheet_data(decided_round, {enrolment.pk: [("1", "1", "1")] * 3}), follow=True)
    assert "Điểm của đợt này đã khóa" in response.content.decode()
    score = enrolment.scores.first()
    before = score.points
    admin_client = login(admin_user)
    change = reverse("admin:evaluation_score_change", args=[score.pk])
    assert admin_client.post(change, {"points": "1"}).status_code == 403
    assert Score.objects.get(pk=score.pk).points == before


def test_official_finalises_and_staff_cannot(login, staff_user, official_user, make_round, score):
    round_ = make_round(members=3)
    score(round_.enrolments.get(), [(30, 20, 30)] * 3)
    login(staff_user).post(reverse("evaluation:round_state", args=[round_.pk]), {"state": "scored"})
    round_.refresh_from_db()
    assert round_.state == RoundState.SCORED
    data = {"number": "1168/QĐ-UBND", "signed_on": "30/09/2020", "signer_name": "Hà Trọng Hải",
            "signer_title": "KT. Chủ tịch – Phó Chủ tịch"}
    url = reverse("evaluation:finalise", args=[round_.pk])
    assert login(staff_user).post(url, data).status_code == 403
    bad = login(official_user).post(url, dict(data, number="một nghìn"))
    assert bad.status_code == 400 and "1234/QĐ-UBND" in bad.content.decode()
    preview = login(official_user).post(url, data)
    assert preview.status_code == 200
    assert login(official_user).post(url, dict(data, token=preview.context["preview"].token, confirm="on")
                                     ).status_code == 302
    round_.refresh_from_db()
    assert round_.state == RoundState.DECIDED
    assert round_.decision.signed_on == datetime.date(2020, 9, 30)


def test_closing_scoring_refusal_is_shown(login, staff_user, make_round, score):
    round_ = make_round(members=3)
    score(round_.enrolments.get(), [(30, 20, 30), (20, 15, 20), (30, 20, 30)])
    response = login(staff_user).post(reverse("evaluation:round_state", args=[round_.pk]), {"state": "scored"},
                                      follow=True)
    assert "phải chấm lại" in response.content.decode()
    round_.refresh_from_db()
    assert round_.state == RoundState.SCORING


def test_correction_through_the_page(login, official_user, decided_round):
    enrolment = decided_round.enrolments.order_by("position").last()
    url = reverse("evaluation:correction", args=[decided_round.pk, enrolment.pk])
    client = login(official_user)
    members, rows = score_sheet(decided_round, [enrolment.pk])
    data = sheet_data(decided_round, {enrolment.pk: [("30", "20", "30")] * 3})
    data = {k: v for k, v in data.items() if f"_{enrolment.pk}" in k}
    assert client.post(url, data).status_code == 400  # no reason
    assert client.post(url, dict(data, reason="Sai sót khi nhập phiếu")).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.stars == 4 and enrolment.outcome == Outcome.RECOGNISED
    page = client.get(decided_round.get_absolute_url()).content.decode()
    assert "Sai sót khi nhập phiếu" in page


def test_round_pages_are_scoped(client, login, decided_round, other_staff_user, producer_user, staff_user):
    urls = [reverse(name, args=[decided_round.pk]) for name in
            ("evaluation:round", "evaluation:report", "evaluation:report_print")]
    for url in urls:
        assert login(other_staff_user).get(url).status_code == 404
        assert login(producer_user).get(url).status_code == 403
        client.logout()
        assert client.get(url).status_code == 302
        assert login(staff_user).get(url).status_code == 200
    assert login(other_staff_user).post(reverse("evaluation:scores", args=[decided_round.pk]), {}).status_code == 404
    assert list(login(other_staff_user).get(reverse("evaluation:rounds")).context["rounds"]) == []


def test_round_page_shows_results_history_and_members_totals(login, staff_user, decided_round):
    body = login(staff_user).get(reverse("evaluation:report", args=[decided_round.pk])).content.decode()
    assert "1168/QĐ-UBND" in body and "30/09/2020" in body
    assert "80,00" in body  # Vietnamese decimals
    page = login(staff_user).get(decided_round.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in page and "canbo" in page


def test_staff_creates_a_round_with_council_and_products(login, staff_user, product):
    client = login(staff_user)
    response = client.post(reverse("evaluation:round_new"), {
        "level": "province", "number": "2", "starts_on": "15/10/2026", "max_spread": "10",
        "quorum": "0,75"})
    assert response.status_code == 302

    round_ = EvaluationRound.objects.get(number=2)  # round 1 of 2026 recognised `product`
    assert (round_.year, round_.criteria_set.code, round_.period.code) == (2026, "2026", "26/2026")
    client.post(reverse("evaluation:member_add", args=[round_.pk]), {"name": "Chủ tịch HĐ", "role": "chair",
                                                                      "position": "1"})
    client.post(reverse("evaluation:enrol", args=[round_.pk]), {"product": product.pk})
    assert round_.members.count() == 1 and round_.enrolments.get().product == product
    district = HistoricalDistrictFactory(province=staff_user.province)
    bad = client.post(reverse("evaluation:round_new"), {"level": "district", "district": district.pk, "number": "3",
                                                        "starts_on": "15/10/2026", "max_spread": "10",
                                                        "quorum": "0,75"})
    assert bad.status_code == 200 and "Không có hội đồng ở cấp này" in bad.content.decode()


def test_round_page_and_report_queries_do_not_grow(login, staff_user, make_round, score,
                                                   django_assert_max_num_queries):
    client = login(staff_user)
    counts = []
    for number, (members, products) in enumerate([(3, 1), (7, 24)], start=1):
        round_ = make_round(members=members, products=products, number=number)
        for e in round_.enrolments.all():
            score(e, [(30, 20, 30)] * members)
        for name in ("evaluation:round", "evaluation:report", "evaluation:rounds"):
            args = [] if name == "evaluation:rounds" else [round_.pk]
            with django_assert_max_num_queries(30) as queries:
                assert client.get(reverse(name, args=args)).status_code == 200
            counts.append((name, len(queries.captured_queries)))
    assert counts[:3] == [(name, n) for name, n in counts[3:]]


def test_a_row_left_as_opened_is_not_written_even_if_someone_saved_it(client, staff_user, make_round, lai_chau):
    round_ = make_round(members=3, products=2)
    first, second = round_.enrolments.all()
    url = reverse("evaluation:scores", args=[round_.pk])
    client.force_login(staff_user)
    opened_by_a = {name: ("" if value is None else value) for name, value in
                   ((n, f.initial) for n, f in client.get(url).context["form"].fields.items())}
    other = UserFactory(username="canbo2", role="staff", province=lai_chau)
    client.force_login(other)
    assert client.post(url, sheet_data(round_, {second.pk: [("20", "15", "20")] * 3})).status_code == 302
    client.force_login(staff_user)
    mine = dict(opened_by_a)
    mine.update({k: v for k, v in sheet_data(round_, {first.pk: [("30", "20", "30")] * 3}).items()
                 if k.startswith(f"s_{first.pk}_")})
    assert client.post(url, mine).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.points == Decimal("80.00") and second.points == Decimal("55.00")
    assert Score.objects.filter(enrolment=second).count() == 9


def test_closing_is_refused_while_a_members_sheet_is_incomplete(login, staff_user, make_round, score):
    round_ = make_round(members=3)
    enrolment = round_.enrolments.get()
    score(enrolment, [(30, 20, 30)] * 3)
    data = sheet_data(round_)
    member = round_.members.order_by("position").last()
    part = round_.criteria_set.parts.get(code="C")
    data[f"s_{enrolment.pk}_{member.pk}_p{part.pk}"] = ""
    assert login(staff_user).post(reverse("evaluation:scores", args=[round_.pk]), data).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.points == Decimal("80.00")  # the incomplete sheet does not count
    response = login(staff_user).post(reverse("evaluation:round_state", args=[round_.pk]), {"state": "scored"},
                                      follow=True)
    assert "chưa chấm đủ" in response.content.decode()


def test_other_provinces_cannot_act_on_a_round(login, make_round, score, staff_user, other_staff_user, dien_bien,
                                               decided_round):
    open_round = make_round(number=2, members=3)
    other_official = UserFactory(username="lanhdao-db", role="official", province=dien_bien)
    client = login(other_staff_user)
    assert client.post(reverse("evaluation:round_state", args=[open_round.pk]),
                       {"state": "cancelled"}).status_code == 404
    assert client.post(reverse("evaluation:member_add", args=[open_round.pk]), {"name": "X", "role": "member",
                                                                                "position": 1}).status_code == 404
    assert client.post(reverse("evaluation:enrol", args=[open_round.pk]), {"product": 1}).status_code == 404
    client = login(other_official)
    assert client.post(reverse("evaluation:finalise", args=[open_round.pk]), {}).status_code == 404
    enrolment = decided_round.enrolments.first()
    assert client.post(reverse("evaluation:correction", args=[decided_round.pk, enrolment.pk]),
                       {"reason": "x"}).status_code == 404
    open_round.refresh_from_db()
    assert open_round.state == "scoring"
    history = client.get(reverse("admin:evaluation_evaluationround_history", args=[decided_round.pk]))
    assert history.status_code != 200 and "1168" not in history.content.decode()


def test_round_form_offers_no_central_level_and_takes_the_rules_of_the_day(login, staff_user):
    form = login(staff_user).get(reverse("evaluation:round_new")).context["form"]
    assert [value for value, _ in form.fields["level"].choices] == ["commune", "district", "province"]
    assert "criteria_set" not in form.fields


LEGAL_REASON = ("Theo Kết luận thanh tra số 15/KL-TTr ngày 02/03/2021 của Thanh tra tỉnh Lai Châu về việc kiểm tra "
                "hồ sơ đánh giá, phân hạng sản phẩm OCOP năm 2020: phiếu chấm của thành viên Hội đồng bị nhập nhầm "
                "cột, đề nghị Hội đồng rà soát, chấm lại và công bố kết quả theo quy định.")


def test_a_reason_longer_than_100_characters_is_kept_whole(login, official_user, staff_user, decided_round, make_round):
    assert len(LEGAL_REASON) > 250
    enrolment = decided_round.enrolments.order_by("position").last()
    data = {k: v for k, v in sheet_data(decided_round, {enrolment.pk: [("30", "20", "30")] * 3}).items()
            if f"_{enrolment.pk}" in k}
    url = reverse("evaluation:correction", args=[decided_round.pk, enrolment.pk])
    assert login(official_user).post(url, dict(data, reason=LEGAL_REASON)).status_code == 302
    assert Score.history.filter(enrolment_id=enrolment.pk, history_type="~")[0].history_change_reason == LEGAL_REASON

    open_round = make_round(number=2, scoring=False)
    response = login(staff_user).post(reverse("evaluation:round_state", args=[open_round.pk]),
                                      {"state": RoundState.CANCELLED, "reason": LEGAL_REASON, "confirm": "on"})
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.state == RoundState.CANCELLED
    assert open_round.history.first().history_change_reason == LEGAL_REASON


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_submits_of_a_new_round_make_one_round_and_no_error(staff_user):
    data = {"level": "province", "number": "1", "starts_on": "15/09/2020", "max_spread": "10", "quorum": "0,67"}
    statuses = submit_at_once(staff_user, reverse("evaluation:round_new"), data)
    assert sorted(statuses) == [200, 200, 200, 302]
    assert EvaluationRound.objects.filter(year=2020, number=1).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_council_typing_at_once_is_saved_without_database_is_locked(staff_user, make_round):
    """SQLite (the newcomer's default) queues concurrent writers (WAL, busy timeout, IMMEDIATE transactions);
    PostgreSQL row-locks. Four people save four products' sheets at the same moment: all four are saved."""
    round_ = make_round(members=3, products=4)
    url = reverse("evaluation:scores", args=[round_.pk])
    statuses = at_once(*[(staff_user, url, sheet_data(round_, {e.pk: [(str(20 + i), "20", "25")] * 3}))
                         for i, e in enumerate(round_.enrolments.all())])  # the other products as opened
    assert statuses == [302] * 4
    assert sorted(Score.objects.filter(part__code="A").values_list("points", flat=True)) == [
        Decimal(p) for p in ("20",) * 3 + ("21",) * 3 + ("22",) * 3 + ("23",) * 3]


@pytest.mark.parametrize("product", ["abc", "²", "99999999999999999999", "-1", "1e1", ""])
def test_enrolling_a_product_that_is_not_a_number_is_refused_plainly(login, staff_user, make_round, product):
    round_ = make_round(products=1, scoring=False)
    response = login(staff_user).post(reverse("evaluation:enrol", args=[round_.pk]), {"product": product},
                                      follow=True)
    assert response.status_code == 200
    assert "Chọn một sản phẩm trong danh sách" in response.content.decode()
    assert round_.enrolments.count() == 1


@pytest.mark.parametrize("day", ["31/12/9997", "01/01/9998", "31/12/9999"])
def test_a_round_or_decision_dated_9997_or_later_is_refused_plainly(login, staff_user, official_user, make_round,
                                                                    score, day):
    new = login(staff_user).post(reverse("evaluation:round_new"), {
        "level": "province", "number": "7", "starts_on": day, "max_spread": "10", "quorum": "0,67"})
    assert new.status_code == 200 and "tối đa một năm" in new.content.decode()
    assert not EvaluationRound.objects.filter(number=7).exists()
    round_ = make_round(members=3)
    score(round_.enrolments.get(), [(30, 20, 30)] * 3)
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    refused = login(official_user).post(reverse("evaluation:finalise", args=[round_.pk]), {
        "number": "1/QĐ-UBND", "signed_on": day, "signer_name": "Hà Trọng Hải", "signer_title": "Chủ tịch"})
    assert refused.status_code == 400 and "Không thể ghi ngày quyết định ở tương lai" in refused.content.decode()
    round_.refresh_from_db()
    assert round_.state == RoundState.SCORED


def page_data(response, points):
    """What a browser posts back from a page of the sheet: every field as shown, each cell set to `points`
    (a callable of the column)."""
    form = response.context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    for row in form.rows:
        for member in form.members:
            for column in row.columns:
                data[form.cell(row.enrolment.pk, member.pk, column.key)] = points(column)
    return data


def test_a_sheet_above_the_1000_field_limit_is_paginated_and_every_page_saves(login, staff_user, make_round,
                                                                                settings):
    round_ = make_round(members=7, products=45)  # 45 × (7 × 3 cells + 3) = 1,080 fields: over Django's 1,000
    client = login(staff_user)
    url = reverse("evaluation:scores", args=[round_.pk])
    first = client.get(url)
    assert list(first.context["page_numbers"]) == [1, 2]
    assert "Trang 2" in first.content.decode()
    for number in (1, 2):
        page = client.get(url, {"page": number})
        data = page_data(page, lambda column: str(column.max_points * 3 // 4))
        assert len(data) + 1 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS  # with the CSRF token
        saved = client.post(f"{url}?page={number}", data)
        assert saved.status_code == 302 and saved.url == f"{url}?page={number}"
    assert not round_.enrolments.filter(points__isnull=True).exists()
    assert round_.enrolments.count() == 45 and set(round_.enrolments.values_list("stars", flat=True)) == {4}


def test_a_round_of_100_products_and_9_members_scored_per_criterion_fits_pages_under_the_limit(
        login, staff_user, make_round):
    round_ = make_round(members=9, products=100, detailed_scoring=True)
    pages = sheet_pages(round_)
    members, rows = score_sheet(round_)
    size = {row.enrolment.pk: 9 * len(row.columns) + 3 for row in rows}  # 9 × 31 criteria + 3 = 282 fields
    assert [pk for page in pages for pk in page] == [row.enrolment.pk for row in rows]  # all, in order
    assert max(sum(size[pk] for pk in page) for page in pages) <= 990 and len(pages) == 34
    client = login(staff_user)
    url = reverse("evaluation:scores", args=[round_.pk])
    last = client.get(url, {"page": 34})
    assert [row.enrolment.pk for row in last.context["form"].rows] == pages[-1]
    assert client.post(f"{url}?page=34", page_data(last, lambda column: str(column.max_points))).status_code == 302
    assert round_.enrolments.filter(points=Decimal("100.00")).count() == len(pages[-1])
    assert client.get(url, {"page": "999"}).context["page_number"] == 34  # a page past the end shows the last


def test_defect_6_a_quorum_out_of_range_is_refused_in_words_not_by_constraint_name(login, staff_user):
    response = login(staff_user).post(reverse("evaluation:round_new"), {
        "level": "province", "number": "1", "starts_on": "15/10/2026", "max_spread": "10", "quorum": "2"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tỷ lệ thành viên tối thiểu phải lớn hơn 0 và không quá 1" in body
    assert "round_quorum_share" not in body and "Constraint" not in body


def test_defect_12_a_scored_round_points_to_reopening_scoring_not_to_a_correction(login, staff_user, make_round,
                                                                                  score):
    round_ = make_round(members=3)
    enrolment = round_.enrolments.get()
    score(enrolment, [(30, 20, 30)] * 3)
    client = login(staff_user)
    client.post(reverse("evaluation:round_state", args=[round_.pk]), {"state": RoundState.SCORED})
    response = client.get(reverse("evaluation:scores", args=[round_.pk]), follow=True)
    body = response.content.decode()
    assert "Đợt này đã chấm xong nên chưa sửa được điểm" in body
    assert "“→ Đang chấm điểm”" in body and "→ Đang chấm điểm</button>" in body  # the button it names is there
    assert "điều chỉnh có ghi lý do" not in body


def test_round_list_shows_the_nearest_page_for_a_stale_page_number(login, staff_user, make_round):
    make_round(scoring=False)
    response = login(staff_user).get(reverse("evaluation:rounds"), {"page": "7"})
    assert response.status_code == 200 and len(response.context["rounds"]) == 1


def test_a_twenty_digit_id_in_the_address_is_not_found_not_a_crash(login, staff_user, official_user, decided_round):
    for name, user in (("evaluation:scores_product", staff_user), ("evaluation:correction", official_user)):
        url = reverse(name, args=[decided_round.pk, 1]).replace("/1/", "/99999999999999999999/")
        assert login(user).get(url).status_code == 404
