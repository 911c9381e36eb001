from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.forms import UserChangeAdminForm, UserCreationAdminForm
from accounts.models import User
from ocop.admin_helpers import SafeAutocompleteMixin


@admin.register(User)
class UserAdmin(SafeAutocompleteMixin, BaseUserAdmin):
    """Users and their scope: a province (staff, officials), a producer (producers) or a commune (commune staff,
    whose province follows the commune)."""

    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    list_display = ["username", "get_full_name", "role", "province", "commune", "producer", "is_active"]
    list_filter = ["role", "province", "is_active"]
    list_select_related = ["province", "commune", "producer"]
    search_fields = ["username", "first_name", "last_name", "email", "producer__name", "commune__name"]
    autocomplete_fields = ["producer", "commune"]
    scope = ((_("Role and scope"), {"fields": ["role", "province", "commune", "producer"],
                                   "description": _("Commune staff: choose the commune; the province follows it.")}),)
    fieldsets = BaseUserAdmin.fieldsets + scope
    add_fieldsets = BaseUserAdmin.add_fieldsets + scope
