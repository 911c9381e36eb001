from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from ocop.admin_helpers import SafeAutocompleteMixin


@admin.register(User)
class UserAdmin(SafeAutocompleteMixin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "province", "producer", "is_active"]
    list_filter = ["role", "province", "is_active"]
    list_select_related = ["province", "producer"]
    search_fields = ["username", "first_name", "last_name", "email", "producer__name"]
    autocomplete_fields = ["producer"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role and scope"), {"fields": ["role", "province", "producer"]}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Role and scope"), {"fields": ["role", "province", "producer"]}),)
