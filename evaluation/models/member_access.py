"""Council members who score on their own device: their one-time links and their submitted sheets.

A member gets no User account: a link opens a session bound to one CouncilMember, hence to one round, and to
nothing else of the registry (see README, "Council members score on their own device")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberLink(models.Model):
    """A one-time link sent to a council member. Only a digest of its secret is stored."""

    member = models.ForeignKey("evaluation.CouncilMember", on_delete=models.CASCADE, related_name="links",
                               verbose_name=_("council member"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("council member's link")
        verbose_name_plural = _("council members' links")
        ordering = ["-created_at"]


class MemberSubmission(models.Model):
    """A member's sheet submitted from their own device: from then on it is read-only for them."""

    member = models.OneToOneField("evaluation.CouncilMember", on_delete=models.CASCADE, related_name="submission",
                                  verbose_name=_("council member"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted sheet")
        verbose_name_plural = _("submitted sheets")
