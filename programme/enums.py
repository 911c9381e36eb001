from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Measure(models.TextChoices):
    """What a plan's target counts; each is measured from the records by programme.services.progress."""

    RECOGNISED = "recognised", _("Products recognised (at least the given stars)")
    NEW_PRODUCTS = "new_products", _("New products registered")
    PRODUCERS = "producers", _("Enterprises and cooperatives taking part")
    ADVANTAGED = "advantaged", _("Advantaged products picked")
    PRIORITY = "priority", _("Priority products at the given stars")
    TOURISM_VILLAGES = "tourism_villages", _("Community-tourism villages recognised")
    IDEAS = "ideas", _("Product ideas registered")
    POINTS_OF_SALE = "points_of_sale", _("OCOP points of sale meeting the criteria")
    PEOPLE_TRAINED = "people_trained", _("People trained")
    PRODUCERS_TRAINED = "producers_trained", _("Producers whose leaders were trained (%)")
    STAFF_TRAINED = "staff_trained", _("OCOP staff trained (%)")
    EVENTS = "events", _("Promotion events held")


class Breakdown(models.TextChoices):
    """Whether a target is one figure for the province or a figure for each district (before 07/2025) or commune."""

    PROVINCE = "province", _("For the province")
    DISTRICT = "district", _("For each district (before 07/2025)")
    COMMUNE = "commune", _("For each commune")


class PlanProductKind(models.TextChoices):
    ADVANTAGED = "advantaged", _("Advantaged product of its district or commune")
    PRIORITY = "priority", _("Priority product of the province (to 4–5★)")


class IdeaStatus(models.TextChoices):
    """Where a product idea stands; programme.services.ideas.set_idea_status is the only writer."""

    SUBMITTED = "submitted", pgettext_lazy("idea status", "Submitted")
    RETURNED = "returned", pgettext_lazy("idea status", "Returned for completion")
    SELECTED = "selected", pgettext_lazy("idea status", "Selected")
    REJECTED = "rejected", pgettext_lazy("idea status", "Not selected")
    REGISTERED = "registered", pgettext_lazy("idea status", "Registered as a product")


class AttendeeRole(models.TextChoices):
    PROVINCIAL_STAFF = "provincial_staff", _("Provincial OCOP staff")
    COMMUNE_STAFF = "commune_staff", _("Commune or district staff")
    PRODUCER_LEADER = "producer_leader", _("Producer's leader")
    PRODUCER_WORKER = "producer_worker", _("Producer's member or worker")
    OTHER = "other", _("Other")


class EventKind(models.TextChoices):
    FAIR = "fair", _("Fair or exhibition")
    CONFERENCE = "conference", _("Conference or ceremony")
    TRADE = "trade", _("Trade connection")
    OTHER = "other", _("Other promotion")
