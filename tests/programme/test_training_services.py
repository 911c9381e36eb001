import datetime

import pytest

from accounts.roles import Role
from products.standing import annotate_standing
from programme.enums import AttendeeRole, EventKind
from programme.models import Attendee, PromotionEvent, TrainingCourse
from programme.queries import training as queries
from programme.services import training as services
from programme.services.training import TrainingError
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory, recognise

DAY = datetime.date(2020, 6, 1)


@pytest.fixture
def course(lai_chau, staff_user):
    return services.create_course(province=lai_chau, actor=staff_user, title="Tập huấn OCOP", starts_on=DAY,
                                  ends_on=DAY + datetime.timedelta(days=1), place="Thành phố Lai Châu",
                                  audience="Chủ thể OCOP")


def test_create_course_records_who_created_it(course, staff_user):
    record = course.history.get()
    assert (record.history_type, record.history_user) == ("+", staff_user)


def test_create_course_ending_before_it_starts_is_refused(lai_chau, staff_user):
    with pytest.raises(TrainingError):
        services.create_course(province=lai_chau, actor=staff_user, title="T", starts_on=DAY,
                               ends_on=DAY - datetime.timedelta(days=1), place="P", audience="A")
    assert not TrainingCourse.objects.exists()


def test_edit_course_saves_only_what_changed_in_history(course, staff_user):
    services.edit_course(course, actor=staff_user, title="Tập huấn OCOP 2020", place="Thành phố Lai Châu")
    course.refresh_from_db()
    assert course.title == "Tập huấn OCOP 2020"
    latest = course.history.first()
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["title"]
    services.edit_course(course, actor=staff_user, title="Tập huấn OCOP 2020")  # no change: no history row
    assert course.history.count() == 2


def test_edit_course_to_end_before_it_starts_is_refused(course, staff_user):
    with pytest.raises(TrainingError):
        services.edit_course(course, actor=staff_user, ends_on=DAY - datetime.timedelta(days=3))
    course.refresh_from_db()
    assert course.ends_on == DAY + datetime.timedelta(days=1)


def test_a_producers_leader_needs_their_producer(course, staff_user):
    with pytest.raises(TrainingError):
        services.add_attendee(course, actor=staff_user, full_name="Lò Văn Hải", role=AttendeeRole.PRODUCER_LEADER)
    assert not Attendee.objects.exists()


def test_an_attendee_of_another_provinces_producer_or_commune_is_refused(course, staff_user, dien_bien):
    far = ProducerFactory(commune=CommuneFactory(province=dien_bien))
    with pytest.raises(TrainingError):
        services.add_attendee(course, actor=staff_user, full_name="A", role=AttendeeRole.PRODUCER_LEADER,
                              producer=far)
    with pytest.raises(TrainingError):
        services.add_attendee(course, actor=staff_user, full_name="B", role=AttendeeRole.COMMUNE_STAFF,
                              commune=far.commune)
    assert not Attendee.objects.exists()


def test_removing_an_attendee_is_kept_in_history_with_who_and_why(course, staff_user, producer):
    attendee = services.add_attendee(course, actor=staff_user, full_name="  Lò   Văn Hải ",
                                     role=AttendeeRole.PRODUCER_LEADER, producer=producer, commune=producer.commune)
    assert attendee.full_name == "Lò Văn Hải"
    services.remove_attendee(attendee, actor=staff_user, reason="Nhập nhầm")
    assert not course.attendees.exists()
    removed = list(queries.removed_attendees(course))
    assert [(h.full_name, h.role, h.producer_id, h.history_user, h.history_change_reason) for h in removed] == [
        ("Lò Văn Hải", AttendeeRole.PRODUCER_LEADER, producer.pk, staff_user, "Nhập nhầm")]


def test_counts_by_role_and_by_producer(course, staff_user, producer, other_producer):
    people = [("A", AttendeeRole.PROVINCIAL_STAFF, None), ("B", AttendeeRole.PRODUCER_LEADER, producer),
              ("C", AttendeeRole.PRODUCER_WORKER, producer), ("D", AttendeeRole.PRODUCER_LEADER, other_producer),
              ("E", AttendeeRole.OTHER, None)]
    for name, role, who in people:
        services.add_attendee(course, actor=staff_user, full_name=name, role=role, producer=who)
    assert queries.role_counts(course) == [
        ("provincial_staff", AttendeeRole.PROVINCIAL_STAFF.label, 1),
        ("commune_staff", AttendeeRole.COMMUNE_STAFF.label, 0),
        ("producer_leader", AttendeeRole.PRODUCER_LEADER.label, 2),
        ("producer_worker", AttendeeRole.PRODUCER_WORKER.label, 1),
        ("other", AttendeeRole.OTHER.label, 1)]
    assert [(r["producer__name"], r["leaders"], r["people"]) for r in queries.producer_counts(course)] == [
        ("Hợp tác xã Chè Mẫu", 1, 2), ("Hợp tác xã Khác", 1, 1)]
    listed = queries.course_list(staff_user).get()
    assert (listed.attendee_count, listed.role_producer_leader, listed.role_commune_staff) == (5, 2, 0)


def test_scope_of_courses_by_role(course, staff_user, other_staff_user, official_user, producer_user, admin_user,
                                  lai_chau):
    commune_user = UserFactory(role=Role.COMMUNE, commune=CommuneFactory(province=lai_chau))
    assert list(queries.courses_for_user(staff_user)) == [course]
    assert list(queries.courses_for_user(official_user)) == [course]
    assert list(queries.courses_for_user(commune_user)) == []  # attendees are named: not for commune staff
    assert list(queries.courses_for_user(admin_user)) == [course]
    assert list(queries.courses_for_user(other_staff_user)) == []
    assert list(queries.courses_for_user(producer_user)) == []


def test_event_products_are_the_provinces_and_keep_their_history(lai_chau, dien_bien, staff_user, product,
                                                                  other_product):
    event = services.create_event(province=lai_chau, actor=staff_user, kind=EventKind.FAIR, title="Hội chợ",
                                  starts_on=DAY, ends_on=DAY, place="Lai Châu", products=[product])
    assert list(event.products.all()) == [product]
    far = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)))
    with pytest.raises(TrainingError):
        services.edit_event(event, actor=staff_user, products=[product, far])
    assert list(event.products.all()) == [product]
    services.edit_event(event, actor=staff_user, products=[product, other_product], title="Hội chợ OCOP")
    event.refresh_from_db()
    assert event.title == "Hội chợ OCOP"
    assert set(event.products.all()) == {product, other_product}
    latest = event.history.first()
    assert latest.history_user == staff_user
    assert {p.product_id for p in latest.products.all()} == {product.pk, other_product.pk}


def test_event_products_carry_their_standing_on_the_events_day(lai_chau, staff_user, producer):
    tea = ProductFactory(producer=producer, name="Chè Shan tuyết")
    honey = ProductFactory(producer=producer, name="Mật ong")
    recognise(tea, stars=4, signed_on=datetime.date(2020, 9, 30))
    before = services.create_event(province=lai_chau, actor=staff_user, kind=EventKind.FAIR, title="Trước",
                                   starts_on=datetime.date(2020, 9, 1), ends_on=datetime.date(2020, 9, 2),
                                   place="Lai Châu", products=[tea, honey])
    ceremony = services.create_event(province=lai_chau, actor=staff_user, kind=EventKind.CONFERENCE,
                                     title="Lễ trao", starts_on=datetime.date(2020, 12, 13),
                                     ends_on=datetime.date(2020, 12, 13), place="Lai Châu", products=[tea, honey])
    assert [(p.name, p.standing, p.standing_stars) for p in queries.event_products(before)] == [
        ("Chè Shan tuyết", "none", None), ("Mật ong", "none", None)]
    shown = [(p.name, p.standing, p.standing_stars) for p in queries.event_products(ceremony)]
    assert shown == [("Chè Shan tuyết", "recognised", 4), ("Mật ong", "none", None)]
    expected = annotate_standing(ceremony.products.order_by("name"), ceremony.starts_on)
    assert shown == [(p.name, p.standing, p.standing_stars) for p in expected]


def test_scope_of_events(lai_chau, staff_user, other_staff_user, producer_user):
    event = PromotionEvent.objects.create(province=lai_chau, kind=EventKind.OTHER, title="X", starts_on=DAY,
                                          ends_on=DAY, place="P")
    assert list(queries.events_for_user(staff_user)) == [event]
    assert list(queries.events_for_user(other_staff_user)) == []
    assert list(queries.events_for_user(producer_user)) == []


# --- every write by the record's province's staff (or an administrator) -----------------------------------------

def test_another_provinces_staff_change_no_course_attendee_or_event(course, staff_user, other_staff_user, lai_chau,
                                                                     admin_user, official_user):
    attendee = services.add_attendee(course, actor=staff_user, full_name="A", role=AttendeeRole.OTHER)
    event = services.create_event(province=lai_chau, actor=staff_user, kind=EventKind.FAIR, title="Hội chợ",
                                  starts_on=DAY, ends_on=DAY, place="Lai Châu")
    refusals = [
        lambda: services.create_course(province=lai_chau, actor=other_staff_user, title="T", starts_on=DAY,
                                       ends_on=DAY, place="P", audience="A"),
        lambda: services.edit_course(course, actor=other_staff_user, title="Khác"),
        lambda: services.add_attendee(course, actor=other_staff_user, full_name="B", role=AttendeeRole.OTHER),
        lambda: services.remove_attendee(attendee, actor=other_staff_user),
        lambda: services.create_event(province=lai_chau, actor=other_staff_user, kind=EventKind.FAIR, title="H",
                                      starts_on=DAY, ends_on=DAY, place="P"),
        lambda: services.edit_event(event, actor=other_staff_user, title="Khác"),
    ]
    for refuse in refusals:
        with pytest.raises(TrainingError) as refused:
            refuse()
        assert refused.value.message == "Chỉ cán bộ của tỉnh tổ chức mới được thay đổi khóa tập huấn hoặc sự kiện này."
    with pytest.raises(TrainingError):  # a reader of the province writes nothing either
        services.edit_course(course, actor=official_user, title="Khác")
    assert (TrainingCourse.objects.get().title, PromotionEvent.objects.get().title) == ("Tập huấn OCOP", "Hội chợ")
    assert list(Attendee.objects.values_list("full_name", flat=True)) == ["A"]
    services.edit_course(course, actor=admin_user, title="Tập huấn OCOP 2020")  # administrators correct any
    assert TrainingCourse.objects.get().title == "Tập huấn OCOP 2020"
