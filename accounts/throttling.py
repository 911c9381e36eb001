"""Login throttling, on top of django-axes.

Axes' own rule: AXES_FAILURE_LIMIT (5) wrong passwords for one login name from one address lock that pair.
Added here: AXES_ADDRESS_FAILURE_LIMIT (20) failures from one address, whatever the login names, lock the address
for the same cool-off, so that one machine cannot try a password on every account (password spraying). The second
limit is higher because an office behind one address holds many honest users.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str | None:
    """Behind our reverse proxy (BEHIND_PROXY=1): the address the proxy appended to X-Forwarded-For last (the
    one it saw; anything to its left was written by the client). Otherwise REMOTE_ADDR."""
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-1] if forwarded else request.META.get("REMOTE_ADDR")


class AddressThrottlingHandler(AxesDatabaseHandler):
    def address_failures(self, request) -> int:
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0

    def address_locked(self, request) -> bool:
        locked = (settings.AXES_LOCK_OUT_AT_FAILURE and request.axes_ip_address is not None
                  and self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT)
        if locked:
            request.ocop_address_locked = True  # the lockout page says why
        return locked

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if (request is None or getattr(request, "axes_locked_out", False)
                or self.is_whitelisted(request, credentials) or not self.address_locked(request)):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send("axes", request=request, username=get_client_username(request, credentials),
                             ip_address=request.axes_ip_address)
