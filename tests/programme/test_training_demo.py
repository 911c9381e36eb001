import datetime

import pytest

from certificates.models import Certificate
from evaluation.demo import load_demo_rounds
from products.demo import load_demo_data
from products.models import Producer
from programme.demo import training
from programme.enums import AttendeeRole, EventKind
from programme.models import Attendee, PromotionEvent, TrainingCourse


@pytest.fixture
def demo(db):
    load_demo_data()
    load_demo_rounds()
    return training.load()


def test_the_award_ceremony_honours_the_47_products_recognised_in_2020(demo):
    event = PromotionEvent.objects.get()
    assert (event.kind, event.starts_on, event.ends_on, event.province.short_name) == (
        EventKind.CONFERENCE, datetime.date(2020, 12, 13), datetime.date(2020, 12, 13), "Lai Châu")
    assert "trao giấy chứng nhận sản phẩm OCOP" in event.title
    assert "Trần Tiến Dũng" in event.description and "Hà Trọng Hải" in event.description
    in_force = Certificate.objects.filter(province=event.province, in_force_from__lte=event.starts_on,
                                          expires_on__gte=event.starts_on)
    assert set(event.products.values_list("pk", flat=True)) == set(in_force.values_list("product_id", flat=True))
    assert event.products.count() == 47


def test_the_sample_courses_are_marked_and_list_every_demo_producers_leader(demo):
    courses = list(TrainingCourse.objects.order_by("starts_on"))
    assert [c.starts_on.year for c in courses] == [2019, 2020]
    assert all("DỮ LIỆU MẪU" in c.title for c in courses)
    leaders = Attendee.objects.filter(course=courses[1], role=AttendeeRole.PRODUCER_LEADER)
    assert sorted(leaders.values_list("full_name", "producer_id")) == sorted(
        Producer.objects.filter(province=courses[1].province).values_list("representative", "pk"))
    staff = [AttendeeRole.PROVINCIAL_STAFF, AttendeeRole.COMMUNE_STAFF]
    assert courses[0].attendees.filter(role__in=staff).count() == 5
    assert "SAMPLE DATA" in demo


def test_loading_twice_changes_nothing(demo):
    before = (TrainingCourse.objects.count(), Attendee.objects.count(), PromotionEvent.objects.count(),
              PromotionEvent.objects.get().products.count(), Attendee.history.count())
    training.load()
    after = (TrainingCourse.objects.count(), Attendee.objects.count(), PromotionEvent.objects.count(),
             PromotionEvent.objects.get().products.count(), Attendee.history.count())
    assert before == after == (2, 29, 1, 47, 29)
