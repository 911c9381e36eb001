from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DecisionKind(models.TextChoices):
    COUNCIL = "council", _("Finalised from a round's council")
    IMPORTED = "imported", _("Imported from the province's earlier records")


class Decision(models.Model):
    """The decision of recognition (quyết định công nhận) that makes a round's results official. A decision
    imported from the province's earlier records (exchange's registry import) has no round here: its council's
    scores were never entered, and none are invented."""

    round = models.OneToOneField("evaluation.EvaluationRound", on_delete=models.PROTECT, related_name="decision",
                                 verbose_name=_("evaluation round"), null=True, blank=True)
    kind = models.CharField(_("origin"), max_length=10, choices=DecisionKind.choices, default=DecisionKind.COUNCIL,
                            editable=False)
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+", editable=False,
                                 null=True)  # none for a central decision
    number = models.CharField(_("decision number"), max_length=40, help_text=_("For example 1234/QĐ-UBND."))
    # Who signs it, as written when it was finalised (evaluation.authorities): the province's, a district's
    # People's Committee, or the Ministry.
    authority = models.CharField(_("issuing authority"), max_length=160, editable=False)
    authority_header = models.CharField(_("issuing authority, as in the header"), max_length=160, editable=False)
    place = models.CharField(_("place of signature"), max_length=100, editable=False)
    signed_on = models.DateField(_("date signed"))
    year = models.PositiveSmallIntegerField(editable=False)
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_title = models.CharField(_("signer's title"), max_length=160,
                                    help_text=_("For example: Chủ tịch, or KT. Chủ tịch – Phó Chủ tịch."))
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     null=True, editable=False, help_text=_("Empty for decisions imported from paper."))
    finalised_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        permissions = [("finalise_decision", _("Can finalise a decision of recognition")),
                       ("correct_scores", _("Can correct the scores of a decided round"))]
        constraints = [
            # A number is unique for its authority and year (two districts may each sign a "15/QĐ-UBND").
            models.UniqueConstraint(fields=["authority", "year", "number"], name="decision_unique_number"),
            models.CheckConstraint(condition=Q(kind=DecisionKind.IMPORTED) | Q(round__isnull=False),
                                   name="decision_council_has_round",
                                   violation_error_message=_("A council's decision belongs to its round.")),
        ]

    def __str__(self):
        return _("Decision %(number)s of %(date)s") % {"number": self.number,
                                                        "date": self.signed_on.strftime("%d/%m/%Y")}


class Recognition(models.Model):
    """A product recognised by a decision, with its stars: what certificates are issued from."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="recognitions",
                                 verbose_name=_("decision"))
    enrolment = models.OneToOneField("evaluation.Enrolment", on_delete=models.PROTECT, related_name="recognition",
                                     verbose_name=_("enrolled product"), null=True, blank=True)  # none: imported
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="recognitions",
                                verbose_name=_("product"))
    stars = models.PositiveSmallIntegerField(_("stars"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, null=True, blank=True)
    potential_five = models.BooleanField(_("potential 5 stars"), default=False)
    withdrawn = models.BooleanField(_("withdrawn by a correction"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognised product")
        verbose_name_plural = _("recognised products")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "product"], name="recognition_once_per_decision"),
            models.CheckConstraint(condition=Q(stars__gte=3, stars__lte=5), name="recognition_stars_3_to_5",
                                   violation_error_message=_("A product is recognised with 3 to 5 stars.")),
            # Points come from a council's scores: only an imported recognition (no enrolment) has none.
            models.CheckConstraint(condition=Q(enrolment__isnull=True) | Q(points__isnull=False),
                                   name="recognition_scored_has_points",
                                   violation_error_message=_("A recognition from a round has its points.")),
        ]
