"""The back office's pages for the programme's records (administrators; staff work in the app's own pages), each
with its history (django-simple-history's page, without its revert button: a revert would bypass the checks of
the services). Product ideas change only through their workflow (programme.services.ideas): shown read-only."""

from django.contrib import admin
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from ocop.admin_helpers import ReadOnlyAdmin
from programme.models import (
    Attendee,
    IdeaEvent,
    Plan,
    PlanProduct,
    PointOfSale,
    PointOfSaleCheck,
    ProductIdea,
    PromotionEvent,
    Target,
    TrainingCourse,
)


class HistoryAdmin(SimpleHistoryAdmin):
    def revert_disabled(self, request, obj=None):
        return True

    def get_urls(self):
        """The page of one past version under named arguments (simple-history's own pattern has positional ones,
        which the URL checks cannot open by name); the same view, the same name."""
        opts = self.model._meta
        version = path("<path:object_id>/history/<int:version_id>/", self.admin_site.admin_view(
            self.history_form_view), name=f"{opts.app_label}_{opts.model_name}_simple_history")
        return [version, *admin.ModelAdmin.get_urls(self)]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["position", "label", "measure", "goal", "unit", "breakdown", "min_stars"]


class PlanProductInline(admin.TabularInline):
    model = PlanProduct
    extra = 0
    raw_id_fields = ["product"]


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    list_display = ["number", "title", "province", "signed_on", "starts_on", "ends_on"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["number", "title"]
    inlines = [TargetInline, PlanProductInline]


@admin.register(Target)
class TargetAdmin(HistoryAdmin):
    list_display = ["label", "plan", "measure", "goal", "unit", "breakdown", "min_stars"]
    list_filter = ["measure", "breakdown"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


@admin.register(PlanProduct)
class PlanProductAdmin(HistoryAdmin):
    list_display = ["product", "kind", "plan"]
    list_filter = ["kind"]
    list_select_related = ["product", "plan"]
    raw_id_fields = ["plan", "product"]


class IdeaEventInline(admin.TabularInline):
    model = IdeaEvent
    extra = 0
    can_delete = False
    fields = ["status", "comment", "actor", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProductIdea)
class ProductIdeaAdmin(ReadOnlyAdmin, HistoryAdmin):
    list_display = ["product_name", "commune", "province", "status", "created_at"]
    list_filter = ["status", "province"]
    list_select_related = ["commune", "province"]
    search_fields = ["product_name", "producer_name"]
    inlines = [IdeaEventInline]


@admin.register(IdeaEvent)
class IdeaEventAdmin(ReadOnlyAdmin):
    list_display = ["idea", "status", "actor", "created_at"]
    list_select_related = ["idea", "actor"]


class PointOfSaleCheckInline(admin.TabularInline):
    model = PointOfSaleCheck
    extra = 0
    fields = ["checked_on", "results", "note"]


@admin.register(PointOfSale)
class PointOfSaleAdmin(HistoryAdmin):
    list_display = ["name", "commune", "province", "operator", "opened_on", "closed_on"]
    list_filter = ["province"]
    list_select_related = ["commune", "province"]
    search_fields = ["name", "operator", "address"]
    raw_id_fields = ["commune", "operator_producer", "products"]
    inlines = [PointOfSaleCheckInline]


@admin.register(PointOfSaleCheck)
class PointOfSaleCheckAdmin(HistoryAdmin):
    list_display = ["point", "checked_on"]
    list_select_related = ["point"]
    raw_id_fields = ["point"]


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    raw_id_fields = ["producer", "commune"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(HistoryAdmin):
    list_display = ["title", "province", "starts_on", "ends_on", "place"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["title", "place"]
    inlines = [AttendeeInline]


@admin.register(Attendee)
class AttendeeAdmin(HistoryAdmin):
    list_display = ["full_name", "role", "producer", "course"]
    list_filter = ["role"]
    list_select_related = ["producer", "course"]
    search_fields = ["full_name"]
    raw_id_fields = ["course", "producer", "commune"]


@admin.register(PromotionEvent)
class PromotionEventAdmin(HistoryAdmin):
    list_display = ["title", "kind", "province", "starts_on", "ends_on", "place"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["title", "place"]
    raw_id_fields = ["products"]
