"""Reads of training courses and promotion events, scoped by role (programme.rules): administrators see every
province; provincial staff and officials their province; commune staff, producers and anonymous visitors nothing
(the lists name attendees, producers and communes)."""

from collections import Counter

from django.db.models import Count, Q, QuerySet

from geo.models import Commune
from products.enums import Standing
from products.models import Producer, Product
from products.standing import annotate_standing
from programme.enums import AttendeeRole
from programme.models import Attendee, PromotionEvent, TrainingCourse
from programme.rules import TRAINING_READERS, is_writer, reads


def may_read(user) -> bool:
    """Whether the role reads courses and events at all (commune staff and producers do not: 403)."""
    return reads(user, TRAINING_READERS)


def may_write(user) -> bool:
    """Provincial staff record their province's courses and events; administrators may correct any."""
    return is_writer(user)


def _in_scope(qs: QuerySet, user) -> QuerySet:
    if not may_read(user):
        return qs.none()
    if user.is_administrator:
        return qs
    return qs.filter(province_id=user.province_id) if user.province_id else qs.none()


def _role_counts():
    """One count per attendee role (role_<code>) and the total (attendee_count), for a course queryset."""
    counts = {f"role_{role.value}": Count("attendees", filter=Q(attendees__role=role)) for role in AttendeeRole}
    return {"attendee_count": Count("attendees"), **counts}


def courses_for_user(user) -> QuerySet[TrainingCourse]:
    return _in_scope(TrainingCourse.objects.select_related("province"), user)


def course_list(user, year=None) -> QuerySet[TrainingCourse]:
    """The list page's courses, newest first, each with its number of attendees by role."""
    qs = courses_for_user(user)
    if year:
        qs = qs.filter(starts_on__year=year)
    return qs.annotate(**_role_counts()).order_by("-starts_on", "title", "pk")


def course_years(user) -> list[int]:
    return sorted({d.year for d in courses_for_user(user).dates("starts_on", "year")}, reverse=True)


def role_counts(course) -> list[tuple[str, str, int]]:
    """(role code, label, number of attendees) for every role, in the roles' order, zeros included."""
    counted = dict(course.attendees.values_list("role").annotate(n=Count("pk")).order_by())
    return [(role.value, role.label, counted.get(role.value, 0)) for role in AttendeeRole]


def producer_counts(course) -> list[dict]:
    """The producers whose people attended: name, leaders and all their people, by name."""
    return list(course.attendees.filter(producer__isnull=False).values("producer_id", "producer__name")
                .annotate(leaders=Count("pk", filter=Q(role=AttendeeRole.PRODUCER_LEADER)), people=Count("pk"))
                .order_by("producer__name", "producer_id"))


def course_attendees(course) -> QuerySet[Attendee]:
    return course.attendees.select_related("producer", "commune").order_by("full_name", "pk")


def removed_attendees(course, limit=20) -> QuerySet:
    """The latest removals from a course's list, from the attendees' history (who, when, why)."""
    return (Attendee.history.filter(course_id=course.pk, history_type="-").select_related("history_user")
            .order_by("-history_date", "-history_id")[:limit])


def events_for_user(user) -> QuerySet[PromotionEvent]:
    return _in_scope(PromotionEvent.objects.select_related("province"), user)


def event_list(user, year=None) -> QuerySet[PromotionEvent]:
    qs = events_for_user(user)
    if year:
        qs = qs.filter(starts_on__year=year)
    return qs.annotate(product_count=Count("products")).order_by("-starts_on", "title", "pk")


def event_years(user) -> list[int]:
    return sorted({d.year for d in events_for_user(user).dates("starts_on", "year")}, reverse=True)


def event_products(event) -> QuerySet[Product]:
    """The event's products with their OCOP standing on the event's first day, by producer and name."""
    qs = event.products.select_related("producer", "group").order_by("producer__name", "name", "pk")
    return annotate_standing(qs, event.starts_on)


def recognised_by_stars(products) -> list[tuple[int, int]]:
    """(stars, number of products) among `products` (annotated by event_products) recognised on the day."""
    counted = Counter(p.standing_stars for p in products if p.standing == Standing.RECOGNISED)
    return sorted(counted.items())


def province_producers(province_id) -> QuerySet[Producer]:
    return Producer.objects.filter(province_id=province_id).only("pk", "name").order_by("name", "pk")


def province_communes(province_id) -> QuerySet[Commune]:
    return Commune.objects.filter(province_id=province_id).only("pk", "name").order_by("name", "pk")


def province_products(province_id) -> QuerySet[Product]:
    return (Product.objects.filter(producer__province_id=province_id).select_related("producer")
            .only("pk", "name", "producer__name", "producer__province_id").order_by("name", "producer__name", "pk"))
