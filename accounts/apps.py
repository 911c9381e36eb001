from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """User accounts, roles and the province or producer each one is tied to."""

    name = "accounts"
    verbose_name = _("Accounts")
