import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from programme.enums import AttendeeRole, EventKind
from programme.models import Attendee, PromotionEvent, TrainingCourse
from programme.services import training as services
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory, recognise

DAY = datetime.date(2020, 6, 1)
COURSE = {"title": "Tập huấn xây dựng hồ sơ OCOP", "starts_on": "26/05/2020", "ends_on": "28/05/2020",
          "place": "Thành phố Lai Châu", "audience": "Chủ thể OCOP", "organiser": "Văn phòng Điều phối"}


def make_course(province, actor, title="Tập huấn OCOP", starts_on=DAY):
    return services.create_course(province=province, actor=actor, title=title, starts_on=starts_on,
                                  ends_on=starts_on, place="Lai Châu", audience="Cán bộ")


def make_event(province, actor, products=(), title="Hội chợ", starts_on=DAY):
    return services.create_event(province=province, actor=actor, kind=EventKind.FAIR, title=title,
                                 starts_on=starts_on, ends_on=starts_on, place="Lai Châu", products=products)


@pytest.fixture
def course(lai_chau, staff_user):
    return make_course(lai_chau, staff_user)


@pytest.fixture
def commune_user(producer):
    return UserFactory(username="canboxa", role=Role.COMMUNE, commune=producer.commune)


# --- courses -------------------------------------------------------------------------------------------------

def test_staff_create_a_course_of_their_province(login, staff_user, lai_chau):
    response = login(staff_user).post(reverse("programme:course_new"), COURSE)
    course = TrainingCourse.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("programme:course", args=[course.pk])
    assert (course.province, course.title, course.starts_on, course.ends_on, course.organiser) == (
        lai_chau, COURSE["title"], datetime.date(2020, 5, 26), datetime.date(2020, 5, 28), "Văn phòng Điều phối")
    assert course.history.get().history_user == staff_user


def test_a_course_ending_before_it_starts_is_refused_in_vietnamese(login, staff_user):
    response = login(staff_user).post(reverse("programme:course_new"), {**COURSE, "ends_on": "20/05/2020"})
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not TrainingCourse.objects.exists()


def test_staff_correct_a_course(login, staff_user, course):
    response = login(staff_user).post(reverse("programme:course_edit", args=[course.pk]),
                                      {**COURSE, "title": "Tập huấn OCOP (sửa)"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.title, course.starts_on) == ("Tập huấn OCOP (sửa)", datetime.date(2020, 5, 26))
    assert course.history.count() == 2
    assert course.history.first().history_user == staff_user


def test_attendees_added_one_by_one_and_counted_by_role_on_the_course_page(login, staff_user, course, producer,
                                                                            other_producer):
    client = login(staff_user)
    add = reverse("programme:course_attendee_add", args=[course.pk])
    people = [("Lò Văn Hải", "producer_leader", producer), ("Lò Thị Ỏn", "producer_worker", producer),
              ("Vàng A Dơ", "producer_leader", other_producer), ("Đặng Văn Tùng", "provincial_staff", None),
              ("Tẩn Thị Mẩy", "commune_staff", None)]
    for name, role, who in people:
        data = {"full_name": name, "role": role, "producer": who.pk if who else "",
                "commune": producer.commune_id if role == "commune_staff" else ""}
        assert client.post(add, data).status_code == 302
    assert sorted(course.attendees.values_list("full_name", "role", "producer_id")) == sorted(
        (name, role, who.pk if who else None) for name, role, who in people)
    assert course.attendees.get(role="commune_staff").commune == producer.commune
    page = client.get(reverse("programme:course", args=[course.pk]))
    assert [(code, count) for code, _label, count in page.context["by_role"]] == [
        ("provincial_staff", 1), ("commune_staff", 1), ("producer_leader", 2), ("producer_worker", 1), ("other", 0)]
    assert [(r["producer__name"], r["leaders"], r["people"]) for r in page.context["by_producer"]] == [
        ("Hợp tác xã Chè Mẫu", 1, 2), ("Hợp tác xã Khác", 1, 1)]
    html = page.content.decode()
    assert "Lò Thị Ỏn" in html and "Hợp tác xã Khác" in html
    listed = client.get(reverse("programme:courses")).context["courses"][0]
    assert (listed.attendee_count, listed.role_producer_leader, listed.role_producer_worker) == (5, 2, 1)


def test_a_producers_leader_without_producer_is_refused_in_vietnamese(login, staff_user, course):
    response = login(staff_user).post(reverse("programme:course_attendee_add", args=[course.pk]),
                                      {"full_name": "Lò Văn Hải", "role": "producer_leader"})
    assert response.status_code == 200
    message = "Chọn chủ thể của người đại diện hoặc thành viên, người lao động của chủ thể."
    assert response.context["form"].errors["producer"] == [message]
    assert message in response.content.decode()
    assert not Attendee.objects.exists()


def test_an_attendee_of_another_provinces_producer_is_refused(login, staff_user, course, dien_bien):
    far = ProducerFactory(commune=CommuneFactory(province=dien_bien))
    response = login(staff_user).post(reverse("programme:course_attendee_add", args=[course.pk]),
                                      {"full_name": "A", "role": "producer_leader", "producer": far.pk})
    assert response.status_code == 200
    assert "producer" in response.context["form"].errors
    assert not Attendee.objects.exists()


def test_removing_an_attendee_is_recorded_in_history_and_shown(login, staff_user, course, producer):
    attendee = services.add_attendee(course, actor=staff_user, full_name="Lò Văn Hải",
                                     role=AttendeeRole.PRODUCER_LEADER, producer=producer)
    client = login(staff_user)
    response = client.post(reverse("programme:course_attendee_remove", args=[course.pk, attendee.pk]),
                           {"reason": "Nhập trùng"})
    assert response.status_code == 302
    assert not Attendee.objects.exists()
    removal = Attendee.history.get(id=attendee.pk, history_type="-")
    assert (removal.full_name, removal.course_id, removal.history_user, removal.history_change_reason) == (
        "Lò Văn Hải", course.pk, staff_user, "Nhập trùng")
    page = client.get(reverse("programme:course", args=[course.pk]))
    assert [h.full_name for h in page.context["removed"]] == ["Lò Văn Hải"]
    assert "Nhập trùng" in page.content.decode()


def test_course_list_filters_by_year(login, official_user, staff_user, lai_chau):
    make_course(lai_chau, staff_user, "Khóa 2019", datetime.date(2019, 8, 20))
    make_course(lai_chau, staff_user, "Khóa 2020", datetime.date(2020, 5, 26))
    client = login(official_user)
    response = client.get(reverse("programme:courses"), {"year": "2019"})
    assert [c.title for c in response.context["courses"]] == ["Khóa 2019"]
    assert response.context["years"] == [2020, 2019]
    assert [c.title for c in client.get(reverse("programme:courses")).context["courses"]] == ["Khóa 2020", "Khóa 2019"]
    assert [c.title for c in client.get(reverse("programme:courses"), {"year": "99999"}).context["courses"]] == [
        "Khóa 2020", "Khóa 2019"]


def test_course_list_is_paginated(login, staff_user, lai_chau):
    for i in range(31):
        make_course(lai_chau, staff_user, f"Khóa {i:02d}", DAY + datetime.timedelta(days=i))
    client = login(staff_user)
    assert len(client.get(reverse("programme:courses")).context["courses"]) == 30
    assert [c.title for c in client.get(reverse("programme:courses"), {"page": "2"}).context["courses"]] == [
        "Khóa 00"]


@pytest.mark.parametrize("name", ["courses", "events"])
def test_list_query_count_is_the_same_for_one_and_several_rows(login, staff_user, lai_chau, producer, name,
                                                               django_assert_max_num_queries):
    client = login(staff_user)
    url = reverse(f"programme:{name}")
    make = make_course if name == "courses" else make_event
    first = make(lai_chau, staff_user)
    if name == "courses":
        services.add_attendee(first, actor=staff_user, full_name="A", role=AttendeeRole.OTHER)
    with django_assert_max_num_queries(10) as one:
        assert len(client.get(url).context[name]) == 1
    products = [ProductFactory(producer=producer) for _ in range(3)]
    for i in range(5):
        row = make(lai_chau, staff_user, title=f"Dòng {i}", starts_on=DAY + datetime.timedelta(days=i + 1))
        if name == "courses":
            for role in AttendeeRole:
                services.add_attendee(row, actor=staff_user, full_name=f"N {role}", role=role,
                                      producer=producer if "producer" in role else None)
        else:
            services.edit_event(row, actor=staff_user, products=products)
    with django_assert_max_num_queries(10) as several:
        assert len(client.get(url).context[name]) == 6
    assert len(one.captured_queries) == len(several.captured_queries)


# --- scope ---------------------------------------------------------------------------------------------------

def test_officials_read_but_do_not_write(login, official_user, course, lai_chau):
    client = login(official_user)
    assert client.get(reverse("programme:courses")).context["courses"][0] == course
    page = client.get(reverse("programme:course", args=[course.pk]))
    assert page.status_code == 200 and page.context["can_write"] is False and "form" not in page.context
    assert client.get(reverse("programme:course_new")).status_code == 403
    assert client.post(reverse("programme:course_edit", args=[course.pk]), COURSE).status_code == 403
    assert client.post(reverse("programme:course_attendee_add", args=[course.pk]),
                       {"full_name": "A", "role": "other"}).status_code == 403
    assert TrainingCourse.objects.get().title == "Tập huấn OCOP"
    assert not Attendee.objects.exists()


def test_commune_staff_read_no_course_nor_event_but_their_provinces_plans(login, commune_user, course, staff_user,
                                                                         lai_chau):
    """Courses name their attendees, producers and communes: commune staff get 403, as producers do; the
    province's plans (aggregate figures) stay theirs to read."""
    event = make_event(lai_chau, staff_user)
    client = login(commune_user)
    for url in (reverse("programme:courses"), reverse("programme:course", args=[course.pk]),
                reverse("programme:events"), reverse("programme:event", args=[event.pk]),
                reverse("programme:course_new")):
        response = client.get(url)
        assert response.status_code == 403
        assert "Tập huấn OCOP" not in response.content.decode()
    assert client.get(reverse("programme:home")).status_code == 200


def test_another_provinces_staff_get_404(login, other_staff_user, course, staff_user, lai_chau):
    attendee = services.add_attendee(course, actor=staff_user, full_name="A", role=AttendeeRole.OTHER)
    event = make_event(lai_chau, staff_user)
    client = login(other_staff_user)
    assert list(client.get(reverse("programme:courses")).context["courses"]) == []
    assert list(client.get(reverse("programme:events")).context["events"]) == []
    for url in (reverse("programme:course", args=[course.pk]), reverse("programme:course_edit", args=[course.pk]),
                reverse("programme:event", args=[event.pk]), reverse("programme:event_edit", args=[event.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("programme:course_attendee_add", args=[course.pk]),
                       {"full_name": "B", "role": "other"}).status_code == 404
    assert client.post(reverse("programme:course_attendee_remove", args=[course.pk, attendee.pk])).status_code == 404
    assert client.post(reverse("programme:event_edit", args=[event.pk]), {}).status_code == 404
    assert list(Attendee.objects.values_list("full_name", flat=True)) == ["A"]


def test_commune_staff_of_another_province_get_403(login, course, dien_bien):
    far = UserFactory(role=Role.COMMUNE, commune=CommuneFactory(province=dien_bien))
    client = login(far)
    assert client.get(reverse("programme:courses")).status_code == 403
    assert client.get(reverse("programme:course", args=[course.pk])).status_code == 403


def test_a_refused_correction_leaves_the_page_on_the_saved_course(login, staff_user, course):
    response = login(staff_user).post(reverse("programme:course_edit", args=[course.pk]),
                                      {**COURSE, "title": "Tên mới", "ends_on": "01/01/2020"})
    assert response.status_code == 200
    assert response.context["course"].title == "Tập huấn OCOP"
    course.refresh_from_db()
    assert course.title == "Tập huấn OCOP"


def test_an_attendee_of_another_course_is_not_found(login, staff_user, course, lai_chau):
    other = make_course(lai_chau, staff_user, "Khóa khác")
    attendee = services.add_attendee(other, actor=staff_user, full_name="A", role=AttendeeRole.OTHER)
    response = login(staff_user).post(reverse("programme:course_attendee_remove", args=[course.pk, attendee.pk]))
    assert response.status_code == 404
    assert Attendee.objects.filter(pk=attendee.pk).exists()


def test_producers_are_refused_and_anonymous_sent_to_login(login, client, producer_user, course, lai_chau,
                                                           staff_user):
    event = make_event(lai_chau, staff_user)
    urls = [reverse("programme:courses"), reverse("programme:course", args=[course.pk]),
            reverse("programme:course_new"), reverse("programme:events"), reverse("programme:event", args=[event.pk]),
            reverse("programme:event_new")]
    for url in urls:
        assert client.get(url).status_code == 302 and client.get(url)["Location"].startswith(reverse("login"))
    producer_client = login(producer_user)
    for url in urls:
        assert producer_client.get(url).status_code == 403
    assert producer_client.post(reverse("programme:course_attendee_add", args=[course.pk]),
                                {"full_name": "A", "role": "other"}).status_code == 403
    assert not Attendee.objects.exists()


def test_an_administrator_reads_every_province_but_records_none(login, admin_user, course):
    client = login(admin_user)
    assert client.get(reverse("programme:courses")).context["courses"][0] == course
    assert client.get(reverse("programme:course_new")).status_code == 403


# --- events --------------------------------------------------------------------------------------------------

def test_staff_create_and_correct_an_event_with_products(login, staff_user, lai_chau, product, other_product):
    client = login(staff_user)
    data = {"kind": "conference", "title": "Hội nghị trao giấy chứng nhận sản phẩm OCOP",
            "starts_on": "13/12/2020", "ends_on": "13/12/2020", "place": "Thành phố Lai Châu",
            "description": "Trao giấy chứng nhận.", "products": [product.pk]}
    response = client.post(reverse("programme:event_new"), data)
    event = PromotionEvent.objects.get()
    assert response["Location"] == reverse("programme:event", args=[event.pk])
    assert (event.province, event.kind, event.starts_on, list(event.products.all())) == (
        lai_chau, "conference", datetime.date(2020, 12, 13), [product])
    response = client.post(reverse("programme:event_edit", args=[event.pk]),
                           {**data, "place": "Hội trường tỉnh", "products": [product.pk, other_product.pk]})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.place == "Hội trường tỉnh"
    assert set(event.products.all()) == {product, other_product}
    assert event.history.first().history_user == staff_user


def test_an_event_ending_before_it_starts_is_refused_in_vietnamese(login, staff_user):
    response = login(staff_user).post(reverse("programme:event_new"), {
        "kind": "fair", "title": "Hội chợ", "starts_on": "13/12/2020", "ends_on": "12/12/2020", "place": "P"})
    assert response.context["form"].errors["ends_on"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert not PromotionEvent.objects.exists()


def test_an_event_offers_only_the_provinces_products(login, staff_user, product, dien_bien):
    far = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)), name="Gạo Điện Biên")
    client = login(staff_user)
    assert list(client.get(reverse("programme:event_new")).context["form"].fields["products"].queryset) == [product]
    response = client.post(reverse("programme:event_new"), {
        "kind": "fair", "title": "Hội chợ", "starts_on": "13/12/2020", "ends_on": "13/12/2020", "place": "P",
        "products": [far.pk]})
    assert "products" in response.context["form"].errors
    assert not PromotionEvent.objects.exists()


def test_event_page_lists_its_products_with_their_standing_on_the_day(login, official_user, staff_user, lai_chau,
                                                                      producer):
    tea = ProductFactory(producer=producer, name="Chè Shan tuyết")
    honey = ProductFactory(producer=producer, name="Mật ong")
    recognise(tea, stars=4, signed_on=datetime.date(2020, 9, 30))
    event = make_event(lai_chau, staff_user, [tea, honey], title="Lễ trao", starts_on=datetime.date(2020, 12, 13))
    response = login(official_user).get(reverse("programme:event", args=[event.pk]))
    assert [(p.name, p.standing, p.standing_stars, p.standing_day) for p in response.context["products"]] == [
        ("Chè Shan tuyết", "recognised", 4, datetime.date(2020, 12, 13)),
        ("Mật ong", "none", None, datetime.date(2020, 12, 13))]
    html = response.content.decode()
    assert 'data-standing="recognised"' in html and 'data-standing="none"' in html
    assert "13/12/2020" in html


@pytest.mark.parametrize("value", ["99999999999999999999", "x", "-1"])
def test_an_event_with_a_malformed_product_id_is_refused_not_a_crash(login, staff_user, value):
    response = login(staff_user).post(reverse("programme:event_new"), {
        "kind": "fair", "title": "Hội chợ", "starts_on": "13/12/2020", "ends_on": "13/12/2020", "place": "P",
        "products": [value]})
    assert response.status_code == 200
    assert "products" in response.context["form"].errors
    assert not PromotionEvent.objects.exists()


def test_course_page_query_count_is_the_same_for_one_and_several_attendees(login, staff_user, course, producer,
                                                                           django_assert_max_num_queries):
    client = login(staff_user)
    url = reverse("programme:course", args=[course.pk])
    first = services.add_attendee(course, actor=staff_user, full_name="A", role=AttendeeRole.OTHER)
    services.remove_attendee(first, actor=staff_user, reason="Nhập trùng")
    services.add_attendee(course, actor=staff_user, full_name="B", role=AttendeeRole.PRODUCER_LEADER,
                          producer=producer, commune=producer.commune)
    with django_assert_max_num_queries(16) as one:
        assert len(client.get(url).context["attendees"]) == 1
    for i in range(6):
        other = services.add_attendee(course, actor=staff_user, full_name=f"N {i}", role=AttendeeRole.PRODUCER_WORKER,
                                      producer=ProducerFactory(commune=producer.commune), commune=producer.commune)
        if i % 2:
            services.remove_attendee(other, actor=staff_user)
    with django_assert_max_num_queries(16) as several:
        assert len(client.get(url).context["attendees"]) == 4
    assert len(one.captured_queries) == len(several.captured_queries)


def test_event_page_query_count_is_the_same_for_one_and_several_products(login, official_user, staff_user, lai_chau,
                                                                         producer, django_assert_max_num_queries):
    products = [ProductFactory(producer=ProducerFactory(commune=producer.commune)) for _ in range(5)]
    recognise(*products[:3], stars=3, signed_on=datetime.date(2020, 9, 30))
    recognise(products[3], stars=4, signed_on=datetime.date(2020, 9, 30))
    event = make_event(lai_chau, staff_user, products[:1], starts_on=datetime.date(2020, 12, 13))
    client = login(official_user)
    url = reverse("programme:event", args=[event.pk])
    with django_assert_max_num_queries(10) as one:
        assert client.get(url).context["by_stars"] == [(3, 1)]
    services.edit_event(event, actor=staff_user, products=products)
    with django_assert_max_num_queries(10) as several:
        response = client.get(url)
    assert response.context["by_stars"] == [(3, 3), (4, 1)]
    assert len(one.captured_queries) == len(several.captured_queries)
    summary = response.content.decode().split('id="summary">')[1].split("</p>")[0]
    assert " ".join(summary.split()) == "5 sản phẩm · 3 được công nhận 3★ · 1 được công nhận 4★"


def test_an_event_with_a_25_digit_product_id_is_refused_by_the_shared_records_field(login, staff_user):
    from ocop.forms import RecordsField  # noqa: PLC0415 — the field this test is about
    from programme.forms.training import EventForm  # noqa: PLC0415 — the form this test is about

    assert type(EventForm.base_fields["products"]) is RecordsField
    response = login(staff_user).post(reverse("programme:event_new"), {
        "kind": "fair", "title": "Hội chợ", "starts_on": "13/12/2020", "ends_on": "13/12/2020", "place": "P",
        "products": ["1" * 25]})
    assert response.status_code == 200 and "products" in response.context["form"].errors
    assert not PromotionEvent.objects.exists()
