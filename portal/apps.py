from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.signals import account_invited
from certificates.signals import decision_certified
from evaluation.signals import decision_previewed
from products.signals import product_page


class PortalConfig(AppConfig):
    """Dashboards for producers and staff, product timelines, and the e-mail outbox."""

    name = "portal"
    verbose_name = _("Portal and notifications")

    def ready(self):
        from portal import notifications, timeline  # noqa: PLC0415 — they import models, loaded only now

        account_invited.connect(notifications.queue_invitation, dispatch_uid="portal.queue_invitation")
        decision_certified.connect(notifications.queue_recognised, dispatch_uid="portal.queue_recognised")
        decision_previewed.connect(notifications.preview_recognition, dispatch_uid="portal.preview_recognition")
        product_page.connect(timeline.product_page_context, dispatch_uid="portal.product_page_context")
