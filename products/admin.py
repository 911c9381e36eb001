from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from geo.models import Commune, HistoricalDistrict
from products.models import Producer, Product, ProductGroup
from products.queries import producers_for_user, products_for_user


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


class ProductInline(admin.TabularInline):
    model = Product
    fields = ["name", "group", "status", "stars", "recognised_year"]
    readonly_fields = ["status", "stars", "recognised_year"]
    extra = 0
    show_change_link = True


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
class ProductAdmin(ProvinceScopedAdmin):
    scoped_queryset = products_for_user
    list_display = ["name", "producer", "group", "status", "stars", "recognised_year"]
    list_filter = ["status", "stars", "recognised_year", "group__scheme", "group", "producer__legal_type",
                   "producer__historical_district"]
    search_fields = ["name", "search_name", "producer__name", "producer__search_name"]
    list_select_related = ["producer", "group"]
    readonly_fields = ["status", "stars", "recognised_year"]
    fields = ["producer", "name", "group", "description", "photo", "status", "stars", "recognised_year"]

    def get_readonly_fields(self, request, obj=None):
        # A product never moves to another producer: its evaluations and certificates are that producer's.
        return self.readonly_fields + (["producer"] if obj is not None else [])


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "scheme", "position"]
    list_filter = ["scheme", "sector"]
    search_fields = ["name", "sector"]
