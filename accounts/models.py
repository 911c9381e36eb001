from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import PROVINCE_ROLES, Role
from geo.models import province_id_of


class User(AbstractUser):
    """A login. Producers are tied to one producer; staff and officials to one province."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PRODUCER)
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("province"), help_text=_("Required for provincial staff and officials."),
    )
    producer = models.ForeignKey(
        "products.Producer", on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("producer"), help_text=_("Required for producer accounts."),
    )
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("commune"), help_text=_("Required for commune staff (their province follows the commune)."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.PRODUCER) | Q(producer__isnull=False, province__isnull=True),
                name="user_producer_role_has_producer",
                violation_error_message=_("A producer account needs its producer, and no province."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=PROVINCE_ROLES) | Q(province__isnull=False, producer__isnull=True),
                name="user_province_role_has_province",
                violation_error_message=_("Provincial staff and officials need their province, and no producer."),
            ),
            models.CheckConstraint(
                condition=Q(role=Role.COMMUNE, commune__isnull=False, province__isnull=False, producer__isnull=True)
                | (~Q(role=Role.COMMUNE) & Q(commune__isnull=True)),
                name="user_commune_role_has_commune",
                violation_error_message=_("Commune staff need their commune, and no producer; no other role has a "
                                          "commune."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.ADMIN) | Q(province__isnull=True, producer__isnull=True),
                name="user_admin_unscoped",
                violation_error_message=_("An administrator has neither a province nor a producer."),
            ),
        ]

    def save(self, *args, **kwargs):
        if self.role == Role.COMMUNE and self.commune_id:
            # Commune staff work in their commune's province: the province always follows the commune.
            self.province_id = province_id_of(self.commune_id)
        # Staff and officials work in the back office (admin), scoped to their province.
        if self.role in PROVINCE_ROLES or self.role == Role.ADMIN:
            self.is_staff = True
        elif not self.is_superuser:
            self.is_staff = False
        super().save(*args, **kwargs)

    @property
    def is_administrator(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_province_scoped(self):
        return self.role in PROVINCE_ROLES and not self.is_superuser
