from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.roles import Role
from certificates.numbering import add_months
from certificates.queries import certificates_for_user
from evaluation.models import Enrolment
from portal.notifications import EXPIRY_NOTICE_MONTHS
from portal.queues import commune_queues, official_queues, provinces_summary, staff_queues
from portal.timeline import current_status, product_timeline
from products.enums import ProductStatus, Standing
from products.queries import products_for_user

EXPIRED_SHOWN = 50


def products_with_story(user):
    """The user's products with everything their timelines read, in a fixed number of queries."""
    return products_for_user(user).prefetch_related(
        "dossier_events",
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("round__decision", "round__province")
                 .order_by("round__starts_on")),
        "certificates__superseded_by",
    ).order_by("name", "pk")


class DashboardView(LoginRequiredMixin, TemplateView):
    """Producers: each product with its status and dated timeline. Staff and officials: what needs them."""

    def get_template_names(self):
        role = self.request.user.role
        if role == Role.PRODUCER:
            return ["portal/producer_dashboard.html"]
        return ["portal/commune_dashboard.html" if role == Role.COMMUNE else "portal/staff_dashboard.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        if user.role == Role.PRODUCER:
            ctx["items"] = [{"product": p, "status": current_status(p), "timeline": product_timeline(p, user)}
                            for p in products_with_story(user)]
            return ctx
        if user.role == Role.COMMUNE:  # their commune's product ideas; no rounds, scores or certificates
            ctx["queues"] = commune_queues(user)
            return ctx
        # What waits for them comes first: their work queues (portal.queues), then the province's watch lists.
        if user.is_administrator:
            ctx["provinces"] = provinces_summary()
        elif user.role == Role.STAFF:
            ctx["queues"] = staff_queues(user)
        elif user.role == Role.OFFICIAL:
            ctx["queues"] = official_queues(user)
        today = timezone.localdate()
        ctx["expiring"] = certificates_for_user(user).in_force_on(today).filter(
            expires_on__lte=add_months(today, EXPIRY_NOTICE_MONTHS)).order_by("expires_on")
        expired = products_for_user(user).filter(standing=Standing.EXPIRED)
        ctx["expired_count"] = expired.count()
        ctx["expired"] = expired.order_by("-standing_until", "name")[:EXPIRED_SHOWN]
        ctx["submitted"] = products_for_user(user).filter(status=ProductStatus.SUBMITTED).count()
        ctx["months"] = EXPIRY_NOTICE_MONTHS
        return ctx
