"""Filters of the public registry (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from geo.models import Commune, HistoricalDistrict, Province
from products.enums import LegalType
from products.models import Product, ProductGroup
from products.queries import public_products, search_products

STAR_CHOICES = [(3, "3 ★"), (4, "4 ★"), (5, "5 ★")]


def _provinces(request):
    return Province.objects.filter(producers__products__in=public_products()).distinct()


def _selected_province(request):
    value = request.GET.get("province") if request else None
    return int(value) if value and value.isdigit() else None


def _communes(request):
    qs = Commune.objects.filter(producers__products__in=public_products()).distinct()
    province = _selected_province(request)
    return qs.filter(province_id=province) if province else qs


def _districts(request):
    qs = HistoricalDistrict.objects.filter(producers__products__in=public_products()).distinct()
    province = _selected_province(request)
    return qs.filter(province_id=province) if province else qs


def _groups(request):
    return ProductGroup.objects.filter(products__in=public_products()).distinct()


class RegistryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q",
                                  widget=forms.TextInput(attrs={"placeholder": _("Product name"),
                                                                "type": "search"}))
    province = django_filters.ModelChoiceFilter(label=_("Province"), queryset=_provinces,
                                                field_name="producer__province", empty_label=_("All provinces"))
    district = django_filters.ModelChoiceFilter(label=_("District (before 07/2025)"), queryset=_districts,
                                                field_name="producer__historical_district",
                                                empty_label=_("All districts"))
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=_communes,
                                               field_name="producer__commune", empty_label=_("All communes"))
    group = django_filters.ModelChoiceFilter(label=_("Product group"), queryset=_groups,
                                             empty_label=_("All groups"))
    stars = django_filters.ChoiceFilter(label=_("Stars"), choices=STAR_CHOICES,
                                             empty_label=_("All"))
    year = django_filters.NumberFilter(label=_("Year recognised"), field_name="recognised_year")
    producer_type = django_filters.ChoiceFilter(label=_("Producer type"), choices=LegalType.choices,
                                                field_name="producer__legal_type", empty_label=_("All types"))

    class Meta:
        model = Product
        fields = []

    def filter_q(self, queryset, name, value):
        return search_products(queryset, value)
