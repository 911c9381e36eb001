"""Training courses and promotion events: each write checks that what it links (producers, communes, products)
belongs to the record's province, saves, and tells the history who did it (removals included)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.errors import DomainError
from programme.enums import AttendeeRole
from programme.models import Attendee, PromotionEvent, TrainingCourse
from programme.rules import is_writer, writes_province

COURSE_FIELDS = ("title", "starts_on", "ends_on", "place", "audience", "organiser")
EVENT_FIELDS = ("kind", "title", "starts_on", "ends_on", "place", "description")
PRODUCERS_PEOPLE = (AttendeeRole.PRODUCER_LEADER, AttendeeRole.PRODUCER_WORKER)


class TrainingError(DomainError):
    """A refusal about a training course, an attendee or a promotion event."""


def _stamp(instance, actor, reason=""):
    """Tell the audit history who made this change and why."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    return instance


def _check_dates(starts_on, ends_on):
    if ends_on < starts_on:
        raise TrainingError(_("The last day cannot be before the first day."))


def _check_province(province):
    if province is None:
        raise TrainingError(_("Only the staff of a province record its courses and events."))
    return province


def _check_writer(actor, province_id):
    """The record's province's staff, or an administrator; `actor` None: a command (the demo data)."""
    if actor is None:
        return
    if not is_writer(actor):
        raise TrainingError(_("Your role does not allow this."))
    if not writes_province(actor, province_id):
        raise TrainingError(_("Only the staff of its province change this course or event."))


@transaction.atomic
def create_course(*, province, actor, title, starts_on, ends_on, place, audience, organiser=""):
    _check_province(province)
    _check_writer(actor, province.pk)
    _check_dates(starts_on, ends_on)
    course = TrainingCourse(province=province, title=title, starts_on=starts_on, ends_on=ends_on, place=place,
                            audience=audience, organiser=organiser)
    _stamp(course, actor).save()
    return course


@transaction.atomic
def edit_course(course, *, actor, **changes):
    """Correct a course's title, dates, place, audience or organiser; only what changed is saved."""
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    _check_writer(actor, course.province_id)
    _check_dates(changes.get("starts_on", course.starts_on), changes.get("ends_on", course.ends_on))
    changed = [name for name in COURSE_FIELDS if name in changes and getattr(course, name) != changes[name]]
    for name in changed:
        setattr(course, name, changes[name])
    if changed:
        _stamp(course, actor).save(update_fields=changed)
    return course


@transaction.atomic
def add_attendee(course, *, actor, full_name, role, producer=None, commune=None):
    """One person who attended: a producer's leader or worker is recorded with their producer; the producer and
    the commune are the course's province's."""
    _check_writer(actor, course.province_id)
    full_name = " ".join(full_name.split())
    if not full_name:
        raise TrainingError(_("Enter the attendee's full name."))
    if role in PRODUCERS_PEOPLE and producer is None:
        raise TrainingError(_("Choose the producer of a producer's leader or worker."))
    if producer is not None and producer.province_id != course.province_id:
        raise TrainingError(_("“%(producer)s” is not a producer of this course's province.")
                            % {"producer": producer.name})
    if commune is not None and commune.province_id != course.province_id:
        raise TrainingError(_("“%(commune)s” is not a commune of this course's province.") % {"commune": commune.name})
    attendee = Attendee(course=course, full_name=full_name, role=role, producer=producer, commune=commune)
    _stamp(attendee, actor).save()
    return attendee


@transaction.atomic
def remove_attendee(attendee, *, actor, reason=""):
    """Take a person off a course's list (entered by mistake); the removal stays in the attendees' history."""
    _check_writer(actor, attendee.course.province_id)
    _stamp(attendee, actor, reason).delete()


def _event_products(province, products):
    products = list(products)
    stray = [p.name for p in products if p.producer.province_id != province.pk]
    if stray:
        raise TrainingError(_("Not a product of %(province)s: %(products)s.")
                            % {"province": province.short_name, "products": ", ".join(stray)})
    return products


@transaction.atomic
def create_event(*, province, actor, kind, title, starts_on, ends_on, place, description="", products=()):
    _check_province(province)
    _check_writer(actor, province.pk)
    _check_dates(starts_on, ends_on)
    products = _event_products(province, products)
    event = PromotionEvent(province=province, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on,
                           place=place, description=description)
    _stamp(event, actor).save()
    if products:
        _stamp(event, actor)
        event.products.set(products)
    return event


@transaction.atomic
def edit_event(event, *, actor, products=None, **changes):
    """Correct an event's facts and, if given, the products shown or honoured there."""
    event = PromotionEvent.objects.select_for_update().get(pk=event.pk)
    _check_writer(actor, event.province_id)
    _check_dates(changes.get("starts_on", event.starts_on), changes.get("ends_on", event.ends_on))
    changed = [name for name in EVENT_FIELDS if name in changes and getattr(event, name) != changes[name]]
    for name in changed:
        setattr(event, name, changes[name])
    if changed:
        _stamp(event, actor).save(update_fields=changed)
    if products is not None:
        products = _event_products(event.province, products)
        if {p.pk for p in products} != set(event.products.values_list("pk", flat=True)):
            _stamp(event, actor)
            event.products.set(products)
    return event

