"""Work queues (portal.queues): what waits for each role, on the dashboard and as a count in the navigation, built
with the real services, scoped to the province, in a number of queries that does not grow with the data."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates import services as certificate_services
from certificates.enums import JobState
from certificates.models import Certificate, PrintJob, RevocationRequest
from evaluation import services
from evaluation.enums import RoundState
from ocop.errors import DomainError
from portal.queues import missing_scores, official_queues, provinces_summary, staff_queues, work_count
from products import services as product_services
from products.enums import ProductStatus
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory, blank_pdf, tea_group

PDF = blank_pdf()

FULL = (30, 20, 30)


def _submitted(producer, name, actor):
    product = ProductFactory(producer=producer, name=name, status=ProductStatus.DRAFT, group=tea_group("2026"),
                             description="Chè búp tươi, sao thủ công.")
    product_services.add_document(product, SimpleUploadedFile("ho-so.pdf", PDF), kind="registration",
                                  content_type="application/pdf", actor=actor)
    product_services.submit_dossier(product, actor=actor)
    return product


@pytest.fixture
def busy_province(make_round, score, staff_user, producer, producer_user):
    """Lai Châu with one of everything staff wait on: a submitted dossier, a draft round, a round in scoring with
    one product complete and one missing two members' sheets, a round in scoring with every sheet complete, and a
    scored round."""
    w = {"dossier": _submitted(producer, "Trà hoa vàng", producer_user)}
    w["draft"] = make_round(number=1, members=3, products=1, scoring=False)
    w["gaps"] = make_round(number=2, members=3, products=2)
    first, second = w["gaps"].enrolments.all()
    score(first, [FULL] * 3)
    score(second, [FULL])  # only the first member: the chair
    w["complete"] = make_round(number=3, members=3, products=1)
    score(w["complete"].enrolments.get(), [FULL] * 3)
    w["scored"] = make_round(number=4, members=3, products=1)
    score(w["scored"].enrolments.get(), [FULL] * 3)
    services.set_round_state(w["scored"], RoundState.SCORED, actor=staff_user)
    w["second"] = second
    return w


def test_staff_queues_list_each_kind_of_waiting_work(busy_province, staff_user):
    w = busy_province
    queues = staff_queues(staff_user)
    assert [p.name for p in queues.dossiers] == ["Trà hoa vàng"] and queues.dossier_count == 1
    assert queues.to_set_up == [w["draft"]]
    assert {r.pk for r in queues.to_close} == {w["complete"].pk, w["scored"].pk}
    [gaps] = queues.missing
    assert gaps.round == w["gaps"] and gaps.cells == 2
    [gap] = gaps.gaps
    assert gap.enrolment == w["second"] and gap.members == ["Thành viên 2", "Thành viên 3"]
    assert queues.total == 1 + 1 + 2 + 1 == work_count(staff_user)


def test_acting_on_the_queue_empties_it(busy_province, staff_user, score):
    w = busy_province
    score(w["second"], [FULL] * 3)
    assert missing_scores([w["gaps"]]) == {}
    services.set_round_state(w["gaps"], RoundState.SCORED, actor=staff_user)
    services.set_round_state(w["draft"], RoundState.CANCELLED, actor=staff_user, reason="Trùng lịch")
    product_services.return_dossier(w["dossier"], comment="Thiếu phiếu đăng ký", actor=staff_user)
    queues = staff_queues(staff_user)
    # the cancelled round's product is back among the dossiers waiting for a round; the returned one is gone
    assert [p.name for p in queues.dossiers] == ["Sản phẩm 1-1"]
    assert (queues.to_set_up, queues.missing) == ([], [])
    assert {r.pk for r in queues.to_close} == {w["gaps"].pk, w["complete"].pk, w["scored"].pk}
    assert work_count(staff_user) == 4


def test_a_detailed_round_counts_criteria_not_parts(make_round, staff_user):
    round_ = make_round(members=3, products=1, detailed_scoring=True)
    enrolment = round_.enrolments.get()
    columns = services.columns_for(enrolment)
    assert len(columns) == 31  # the 1048 tea sheet
    first, second, _third = round_.members.all()
    values = {(first.pk, c.key): str(c.max_points) for c in columns}
    values |= {(second.pk, c.key): str(c.max_points) for c in columns[:30]}  # one criterion short
    services.record_scores(enrolment, values, actor=staff_user, expected_version=enrolment.version)
    [gap] = missing_scores([round_])[round_.pk]
    assert gap.members == ["Thành viên 2", "Thành viên 3"]


def test_staff_of_another_province_sees_nothing_of_this_one(busy_province, other_staff_user, login):
    queues = staff_queues(other_staff_user)
    assert (queues.dossiers, queues.dossier_count, queues.to_set_up, queues.to_close, queues.missing) == (
        [], 0, [], [], [])
    assert work_count(other_staff_user) == 0
    body = login(other_staff_user).get(reverse("portal:dashboard")).content.decode()
    assert "Trà hoa vàng" not in body and "Đợt 2" not in body and 'class="badge nav-count"' not in body


def test_staff_dashboard_opens_on_the_queues_with_links_to_the_work(busy_province, staff_user, login):
    w = busy_province
    body = login(staff_user).get(reverse("portal:dashboard")).content.decode()
    assert body.index('id="queues"') < body.index("Sản phẩm hết hiệu lực công nhận") if (
        "Sản phẩm hết hiệu lực công nhận" in body) else 'id="queues"' in body
    assert f'{reverse("products:queue")}#dossier-{w["dossier"].pk}' in body
    assert w["draft"].get_absolute_url() in body and w["complete"].get_absolute_url() in body
    assert reverse("evaluation:scores", args=[w["gaps"].pk]) in body
    assert "Thành viên 2, Thành viên 3" in body
    assert '<span class="badge nav-count"' in body and ">5</span>" in body


@pytest.fixture
def official_world(decided_round, make_round, score, staff_user, official_user, django_capture_on_commit_callbacks):
    scored = make_round(number=2, members=3, products=1)
    score(scored.enrolments.get(), [FULL] * 3)
    services.set_round_state(scored, RoundState.SCORED, actor=staff_user)
    certificate = Certificate.objects.filter(decision__round=decided_round).order_by("sequence").first()
    # Issued 30/09/2020: still in force for the test, whatever today is.
    Certificate.objects.filter(decision__round=decided_round).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=400))
    request = certificate_services.request_revocation(certificate, reason="Chủ thể vi phạm cam kết chất lượng.",
                                                     actor=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        done = certificate_services.start_print_job(actor=official_user, province=decided_round.province,
                                                    decision=decided_round.decision)
    failed = PrintJob.objects.create(requested_by=official_user, province=decided_round.province, year=2020,
                                     state=JobState.FAILED, finished_at=timezone.now())
    PrintJob.objects.create(requested_by=official_user, province=decided_round.province, year=2019,
                            state=JobState.FAILED, finished_at=timezone.now() - datetime.timedelta(days=8))
    return {"scored": scored, "certificate": certificate, "request": request, "done": done, "failed": failed}


def test_official_queues_list_decisions_revocations_and_print_jobs(official_world, official_user):
    w = official_world
    queues = official_queues(official_user)
    assert queues.to_decide == [w["scored"]]
    assert queues.revocations == [w["request"]]
    assert {j.pk: j.state for j in queues.jobs} == {w["done"].pk: JobState.DONE, w["failed"].pk: JobState.FAILED}
    assert queues.total == 1 + 1 + 1 == work_count(official_user)


def test_official_handles_the_request_through_the_revocation(official_world, official_user, login):
    w = official_world
    client = login(official_user)
    page = client.get(reverse("certificates:revoke", args=[w["certificate"].number]))
    assert page.context["form"].initial["reason"] == "Chủ thể vi phạm cam kết chất lượng."  # the request's reason
    body = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("certificates:revoke", args=[w["certificate"].number]) in body
    assert reverse("certificates:job", args=[w["failed"].pk]) in body and reverse("evaluation:round", args=[
        w["scored"].pk]) in body
    client.post(reverse("certificates:revoke", args=[w["certificate"].number]),
                {"reason": "Vi phạm cam kết.", "confirm": "on"})
    assert official_queues(official_user).revocations == []
    assert work_count(official_user) == 2


def test_official_of_another_province_sees_nothing(official_world, dien_bien):
    other = UserFactory(username="lanhdaodb", role=Role.OFFICIAL, province=dien_bien)
    queues = official_queues(other)
    assert (queues.to_decide, queues.revocations, queues.jobs) == ([], [], [])
    assert work_count(other) == 0


def test_staff_request_a_revocation_once_for_a_certificate_in_force(official_world, staff_user, other_staff_user,
                                                                    login):
    w = official_world
    other = Certificate.objects.exclude(pk=w["certificate"].pk).filter(decision__round__isnull=False).first()
    url = reverse("certificates:request_revocation", args=[other.number])
    assert login(other_staff_user).get(url).status_code == 404  # another province's certificate
    client = login(staff_user)
    assert client.post(url, {"reason": "  "}).status_code == 200 and not RevocationRequest.objects.filter(
        certificate=other).exists()
    assert client.post(url, {"reason": "Sản phẩm ngừng sản xuất."}).status_code == 302
    again = client.post(url, {"reason": "Lần nữa"})
    assert "đã được đề nghị" in again.content.decode()
    assert RevocationRequest.objects.filter(certificate=other).count() == 1
    revoked = certificate_services.revoke_certificate(w["certificate"], reason="Vi phạm", actor=None)
    with pytest.raises(DomainError):
        certificate_services.request_revocation(revoked, reason="Thu hồi lại", actor=staff_user)


@pytest.mark.parametrize("role", ["official", "producer"])
def test_only_staff_request_revocations(official_world, official_user, producer_user, login, role):
    user = {"official": official_user, "producer": producer_user}[role]
    url = reverse("certificates:request_revocation", args=[official_world["certificate"].number])
    assert login(user).post(url, {"reason": "Thử"}).status_code == 403


def test_administrators_see_every_province_summarised(busy_province, admin_user, login, dien_bien):
    ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)),
                   status=ProductStatus.SUBMITTED)
    rows = {r.province.short_name if r.province else None: r for r in provinces_summary()}
    lai_chau = rows["Lai Châu"]
    assert (lai_chau.dossiers, lai_chau.draft, lai_chau.scoring, lai_chau.scored, lai_chau.revocations,
            lai_chau.failed_jobs) == (1, 1, 2, 1, 0, 0)
    assert rows["Điện Biên"].dossiers == 1 and rows["Điện Biên"].total == 1
    body = login(admin_user).get(reverse("portal:dashboard")).content.decode()
    assert "Điện Biên" in body and "Lai Châu" in body
    assert work_count(admin_user) == 0 and 'class="badge nav-count"' not in body


def test_no_count_on_anonymous_or_producer_pages(busy_province, client, producer_user, login):
    assert 'nav-count' not in client.get(reverse("products:registry")).content.decode()
    assert 'nav-count' not in client.get(reverse("home")).content.decode()
    assert work_count(producer_user) == 0
    assert 'nav-count' not in login(producer_user).get(reverse("portal:dashboard")).content.decode()


# --- queries: the same at two sizes ----------------------------------------------------------------------

def _grow(make_round, score, producer, producer_user, staff_user, start):
    """More of everything: dossiers, draft rounds, rounds with gaps and bigger councils."""
    for i in range(4):
        _submitted(producer, f"Hồ sơ thêm {start}-{i}", producer_user)
    make_round(number=start, members=2, products=2, scoring=False)
    round_ = make_round(number=start + 1, members=5, products=4)
    for enrolment in list(round_.enrolments.all())[:2]:
        score(enrolment, [FULL] * 2)


def test_dashboard_and_nav_queries_do_not_grow(busy_province, make_round, score, producer, producer_user,
                                               staff_user, official_user, login, django_assert_max_num_queries):
    client = login(staff_user)
    url = reverse("portal:dashboard")
    pages = [url, reverse("certificates:list"), reverse("evaluation:rounds")]
    before = {}
    for page in pages:
        with django_assert_max_num_queries(40) as queries:
            assert client.get(page).status_code == 200
        before[page] = len(queries.captured_queries)
    _grow(make_round, score, producer, producer_user, staff_user, start=10)
    _grow(make_round, score, producer, producer_user, staff_user, start=20)
    assert staff_queues(staff_user).total == 5 + 8 + 2 + 2
    for page in pages:
        with django_assert_max_num_queries(40) as queries:
            assert client.get(page).status_code == 200
        assert len(queries.captured_queries) == before[page], page


def test_official_dashboard_queries_do_not_grow(official_world, make_round, score, staff_user, official_user, login,
                                                django_assert_max_num_queries):
    client = login(official_user)
    url = reverse("portal:dashboard")
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for number in (5, 6, 7):
        round_ = make_round(number=number, members=3, products=2)
        for enrolment in round_.enrolments.all():
            score(enrolment, [FULL] * 3)
        services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    for year in (2015, 2016):
        PrintJob.objects.create(requested_by=official_user, province=official_user.province, year=year,
                                state=JobState.FAILED, finished_at=timezone.now())
    cache.clear()
    with django_assert_max_num_queries(40) as many:
        body = client.get(url).content.decode()
    # 4 rounds to decide, 1 revocation requested, 3 print jobs failed this week
    assert len(official_queues(official_user).to_decide) == 4 and ">8</span>" in body
    assert len(few.captured_queries) == len(many.captured_queries)


def test_nav_count_is_one_query(busy_province, staff_user, official_user, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert work_count(staff_user) == 5
    with django_assert_num_queries(1):
        assert work_count(official_user) == 1  # the scored round


def test_official_declines_a_request_with_a_reason_and_the_certificate_stays_in_force(official_world, official_user,
                                                                                       staff_user, login):
    w = official_world
    number = w["certificate"].number
    url = reverse("certificates:decline_revocation", args=[number])
    client = login(official_user)
    assert "Từ chối đề nghị" in client.get(reverse("certificates:revoke", args=[number])).content.decode()
    refused = client.post(url, {"decline_reason": "  "})  # no reason: refused, nothing changes
    assert refused.status_code == 200 and "cần nêu lý do" in refused.content.decode()
    assert official_queues(official_user).revocations == [w["request"]]
    response = client.post(url, {"decline_reason": "Đoàn kiểm tra không phát hiện vi phạm."})
    assert response.status_code == 302
    request = RevocationRequest.objects.get(pk=w["request"].pk)
    assert (request.declined_by, request.decline_reason) == (official_user, "Đoàn kiểm tra không phát hiện vi phạm.")
    assert request.declined_at is not None
    assert official_queues(official_user).revocations == [] and work_count(official_user) == 2
    certificate = Certificate.objects.get(pk=w["certificate"].pk)
    assert certificate.current_state == "valid" and certificate.revoked_at is None
    assert client.post(url, {"decline_reason": "Lần nữa"}).status_code == 404  # nothing open to decline any more
    # staff may ask again, and the new request waits like the first
    again = certificate_services.request_revocation(certificate, reason="Có vi phạm mới.", actor=staff_user)
    assert official_queues(official_user).revocations == [again]


def test_only_the_provinces_officials_decline_requests(official_world, staff_user, producer_user, dien_bien, login):
    url = reverse("certificates:decline_revocation", args=[official_world["certificate"].number])
    other = UserFactory(username="lanhdaodb", role=Role.OFFICIAL, province=dien_bien)
    assert login(other).post(url, {"decline_reason": "Không"}).status_code == 404
    assert login(staff_user).post(url, {"decline_reason": "Không"}).status_code == 403
    assert login(producer_user).post(url, {"decline_reason": "Không"}).status_code == 403
    assert RevocationRequest.objects.get(pk=official_world["request"].pk).declined_at is None
