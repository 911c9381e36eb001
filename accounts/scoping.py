"""The one rule of scope, applied by every selector: administrators see all; staff and officials their
province; commune staff their commune (only where the selector names a commune lookup); producers their own
producer; anyone else (anonymous, inactive) nothing."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.roles import PROVINCE_ROLES, Role


def scoped(qs: QuerySet, user, *, province: str, producer: str | None = None,
           commune: str | None = None) -> QuerySet:
    """`province`, `producer` and `commune` are the lookups from the model to the province id, producer id and
    commune id. Commune staff see nothing of a model whose selector gives no `commune` lookup (rounds, scores,
    decisions, certificates): their province is recorded, but it is never their scope."""
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    if user.is_administrator:
        return qs
    if user.role in PROVINCE_ROLES:
        return qs.filter(**{province: user.province_id})
    if user.role == Role.COMMUNE:
        return qs.filter(**{commune: user.commune_id}) if commune and user.commune_id else qs.none()
    if producer and user.producer_id and user.role == Role.PRODUCER:
        return qs.filter(**{producer: user.producer_id})
    return qs.none()


class PermissionRequiredMixin(LoginRequiredMixin):
    """Login required; then `permission` (a Django permission name) or 403 with a plain message."""

    permission = None

    def has_permission(self, user):
        return self.permission is None or user.has_perm(self.permission)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.has_permission(request.user):
            raise PermissionDenied(_("Your role does not allow this."))
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(PermissionRequiredMixin):
    """Provincial staff (and administrators) only."""

    def has_permission(self, user):
        return user.is_administrator or user.role == Role.STAFF


class RolesRequiredMixin(PermissionRequiredMixin):
    """Login required; then one of `roles` (administrators always) or 403."""

    roles: tuple = ()

    def has_permission(self, user):
        return user.is_administrator or user.role in self.roles
