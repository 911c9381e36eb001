"""Back-office building blocks shared by the apps."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here: these records change only through their services, which
    check and record every change. (No django-simple-history admin either: its revert form would bypass
    them; the history is shown, scoped, on the round and product pages.)"""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
