from django.contrib import admin

from geo.models import Commune, HistoricalDistrict, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "code"]
    search_fields = ["name", "short_name"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "code"]
    list_filter = ["province"]
    search_fields = ["name", "search_name"]
    list_select_related = ["province"]


@admin.register(HistoricalDistrict)
class HistoricalDistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "code"]
    list_filter = ["province"]
    search_fields = ["name"]
    list_select_related = ["province"]
