from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from geo.models import Commune, HistoricalDistrict
from products.enums import Standing
from products.models import Producer, Product, ProductGroup
from products.queries import producers_for_user, products_for_user
from products.standing import annotate_standing


class ProvinceScopedAdmin(admin.ModelAdmin):
    """Back-office pages that show and offer only what lies in the user's scope."""

    scoped_queryset = None  # a function user -> queryset, from products.queries

    def get_queryset(self, request):
        return type(self).scoped_queryset(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if user.is_province_scoped:
            if db_field.related_model is Producer:
                kwargs["queryset"] = producers_for_user(user)
            elif db_field.related_model in (Commune, HistoricalDistrict):
                kwargs["queryset"] = db_field.related_model.objects.filter(province_id=user.province_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StandingFilter(admin.SimpleListFilter):
    """OCOP standing today, as derived from the certificates (never a stored column)."""

    title = pgettext_lazy("standing", "OCOP standing today")
    parameter_name = "standing"

    def lookups(self, request, model_admin):
        return Standing.choices

    def queryset(self, request, queryset):
        return queryset.filter(standing=self.value()) if self.value() in Standing.values else queryset


class StandingColumns:
    """The standing today, in columns of a list of products annotated by annotate_standing."""

    @admin.display(description=pgettext_lazy("standing", "OCOP standing today"), ordering="standing")
    def standing_label(self, obj):
        return Standing(obj.standing).label

    @admin.display(description=_("stars"), ordering="standing_stars")
    def stars_today(self, obj):
        return obj.standing_stars if obj.standing == Standing.RECOGNISED else None

    @admin.display(description=_("valid until"), ordering="standing_until")
    def valid_until(self, obj):
        return obj.standing_until


class ProductInline(StandingColumns, admin.TabularInline):
    model = Product
    fields = ["name", "group", "status", "standing_label", "stars_today", "valid_until"]
    readonly_fields = ["status", "standing_label", "stars_today", "valid_until"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return annotate_standing(super().get_queryset(request))


@admin.register(Producer)
class ProducerAdmin(ProvinceScopedAdmin):
    scoped_queryset = producers_for_user
    list_display = ["name", "legal_type", "registration_code", "representative", "commune", "historical_district",
                    "province"]
    list_filter = ["legal_type", "province", "historical_district"]
    search_fields = ["name", "search_name", "registration_code", "representative"]
    list_select_related = ["commune", "historical_district", "province"]
    fieldsets = [
        (None, {"fields": ["legal_type", "name", "registration_code"]}),
        (_("Representative"), {"fields": ["representative", "representative_title"]}),
        (_("Address"), {"fields": ["address", "commune", "historical_district"]}),
        (_("Contacts"), {"fields": ["phone", "email", "website"]}),
    ]
    inlines = [ProductInline]


@admin.register(Product)
class ProductAdmin(StandingColumns, ProvinceScopedAdmin):
    scoped_queryset = products_for_user
    list_display = ["name", "producer", "group", "status", "standing_label", "stars_today", "valid_until"]
    list_filter = [StandingFilter, "status", "group__scheme", "group", "producer__legal_type",
                   "producer__historical_district"]
    search_fields = ["name", "search_name", "producer__name", "producer__search_name"]
    list_select_related = ["producer", "group"]
    readonly_fields = ["status", "standing_label", "stars_today", "valid_until"]
    fields = ["producer", "name", "group", "description", "photo", "status", "standing_label", "stars_today",
              "valid_until"]

    def get_queryset(self, request):
        return annotate_standing(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        # A product never moves to another producer: its evaluations and certificates are that producer's.
        return self.readonly_fields + (["producer"] if obj is not None else [])

    def save_model(self, request, obj, form, change):
        if change:  # an edit here is a new version too: a form opened on the site before it is then a conflict
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "scheme", "position"]
    list_filter = ["scheme", "sector"]
    search_fields = ["name", "sector"]
