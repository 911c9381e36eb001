"""Back-office building blocks shared by the apps."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.http import HttpResponseRedirect

from ocop.text import whole_number


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


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks up the submitted value to show it again; a value that is no id ("²",
    twenty digits, a NUL) would crash that lookup. It is shown as nothing chosen, and the form says why."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if whole_number(str(v)) is not None], attr)


class SafeAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SafeDateHierarchyMixin:
    """A date drill-down with an impossible year (twenty digits) is a bad filter, answered like Django answers
    other bad filters (the list again, with ?e=1), not a crash."""

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except OverflowError:
            return HttpResponseRedirect(f"{request.path}?e=1")
