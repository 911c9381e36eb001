from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programme.enums import AttendeeRole, EventKind


class TrainingCourse(models.Model):
    """A training course of the programme: when, where, for whom, and who attended."""

    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="training_courses",
                                 verbose_name=_("province"))
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    audience = models.CharField(_("audience"), max_length=255, help_text=_("Who the course is for."))
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="trainingcourse_dates_ordered",
                                   violation_error_message=_("A course ends on or after its first day.")),
        ]

    def __str__(self):
        return self.title


class Attendee(models.Model):
    """A person who attended a course, by role and, for producers' people, by producer."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="attendees",
                               verbose_name=_("course"))
    full_name = models.CharField(_("full name"), max_length=160)
    role = models.CharField(_("role"), max_length=20, choices=AttendeeRole.choices)
    producer = models.ForeignKey("products.Producer", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="trainees", verbose_name=_("producer"))
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="trainees", verbose_name=_("commune"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["course", "full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=[AttendeeRole.PRODUCER_LEADER, AttendeeRole.PRODUCER_WORKER])
                | Q(producer__isnull=False),
                name="attendee_producer_people_have_producer",
                violation_error_message=_("A producer's leader or worker is recorded with their producer."),
            ),
        ]

    def __str__(self):
        return self.full_name


class PromotionEvent(models.Model):
    """A promotion event: a fair, a trade connection, or a conference such as Lai Châu's award ceremony of
    13/12/2020, with the products shown or honoured there."""

    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="promotion_events",
                                 verbose_name=_("province"))
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    products = models.ManyToManyField("products.Product", blank=True, related_name="promotion_events",
                                      verbose_name=_("products"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[products])

    class Meta:
        verbose_name = _("promotion event")
        verbose_name_plural = _("promotion events")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="promotionevent_dates_ordered",
                                   violation_error_message=_("An event ends on or after its first day.")),
        ]

    def __str__(self):
        return self.title
