"""Filters of the public registry (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from geo.models import Commune, HistoricalDistrict, Province
from ocop.text import whole_number
from products.enums import LegalType
from products.models import Product, ProductGroup
from products.queries import PUBLIC_STANDINGS, public_products, search_products

STAR_CHOICES = [(3, "3 ★"), (4, "4 ★"), (5, "5 ★")]
STANDING_CHOICES = [("lapsed", _("Expired or revoked")), ("all", _("All, with expired and revoked"))]


def selected_standing(request) -> str:
    """The registry's standing filter: "" (recognised today, the default), "lapsed" or "all"."""
    value = request.GET.get("standing", "") if request else ""
    return value if value in PUBLIC_STANDINGS else ""


def _public(request):
    return public_products(selected_standing(request))


def _provinces(request):
    return Province.objects.filter(producers__products__in=_public(request)).distinct()


def _selected_province(request):
    return whole_number(request.GET.get("province")) if request else None


def _communes(request):
    qs = Commune.objects.filter(producers__products__in=_public(request)).distinct()
    province = _selected_province(request)
    return qs.filter(province_id=province) if province else qs


def _districts(request):
    qs = HistoricalDistrict.objects.filter(producers__products__in=_public(request)).distinct()
    province = _selected_province(request)
    return qs.filter(province_id=province) if province else qs


def _groups(request):
    return ProductGroup.objects.filter(products__in=_public(request)).distinct()


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
    standing = django_filters.ChoiceFilter(label=_("Recognition"), choices=STANDING_CHOICES,
                                           empty_label=_("Valid today"), method="filter_standing")
    stars = django_filters.ChoiceFilter(label=_("Stars"), choices=STAR_CHOICES, field_name="standing_stars",
                                        empty_label=_("All"))
    year = django_filters.NumberFilter(label=_("Year recognised"), field_name="standing_year")
    producer_type = django_filters.ChoiceFilter(label=_("Producer type"), choices=LegalType.choices,
                                                field_name="producer__legal_type", empty_label=_("All types"))

    class Meta:
        model = Product
        fields = []

    def filter_q(self, queryset, name, value):
        return search_products(queryset, value)

    def filter_standing(self, queryset, name, value):
        return queryset  # the view starts from public_products(selected_standing(request))
