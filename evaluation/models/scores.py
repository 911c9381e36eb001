from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from evaluation.enums import SCORES_EDITABLE_IN
from evaluation.errors import RoundLocked
from evaluation.models.rounds import Enrolment


class Score(models.Model):
    """One council member's points for one part (or one criterion of a detailed sheet) of one product."""

    enrolment = models.ForeignKey("evaluation.Enrolment", on_delete=models.CASCADE, related_name="scores",
                                  verbose_name=_("enrolled product"))
    member = models.ForeignKey("evaluation.CouncilMember", on_delete=models.PROTECT, related_name="scores",
                               verbose_name=_("council member"))
    part = models.ForeignKey("evaluation.CriteriaPart", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("part"))
    criterion = models.ForeignKey("evaluation.Criterion", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("criterion"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=500, blank=True, default="",
                               db_default="")  # the raw bulk insert of imported scores omits it
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "member", "part"], condition=Q(criterion__isnull=True),
                                    name="score_once_per_part",
                                    violation_error_message=_("This member has already scored this part of the "
                                                              "product.")),
            models.UniqueConstraint(fields=["enrolment", "member", "criterion"],
                                    condition=Q(criterion__isnull=False), name="score_once_per_criterion",
                                    violation_error_message=_("This member has already scored this criterion of "
                                                              "the product.")),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative",
                                   violation_error_message=_("Points cannot be negative.")),
        ]

    def _check_open(self):
        """The one guard every path to a score passes (forms, services, admin, shell)."""
        if getattr(self, "_correction", False):
            return
        state = Enrolment.objects.values_list("round__state", flat=True).get(pk=self.enrolment_id)
        if state not in SCORES_EDITABLE_IN:
            raise RoundLocked.for_state(state)

    def save(self, *args, **kwargs):
        self._check_open()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_open()
        return super().delete(*args, **kwargs)
