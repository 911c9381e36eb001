"""Filters of the public registry (django-filter)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geo.models import Commune, HistoricalDistrict, Province
from ocop.cache import remember
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


CHOICES_SECONDS = 300  # a certificate issued or revoked shows in the filters' lists within 5 minutes


def _offered(model, path, request, **within):
    """The `model` rows that some public product reaches through `path` (a province, a commune, a product set),
    as a queryset over a cached list of ids: one query over every product at most once in CHOICES_SECONDS for
    all servers, per day and standing, instead of on every request."""
    standing = selected_standing(request)
    key = f"registry-choices:{model._meta.label_lower}:{standing}:{timezone.localdate().isoformat()}:" + ":".join(
        f"{k}={v}" for k, v in sorted(within.items()))

    def ids():
        return sorted(set(_public(request).filter(**{f"{path}__isnull": False}, **within)
                          .values_list(path, flat=True)))

    return model.objects.filter(pk__in=remember(key, CHOICES_SECONDS, ids))


def _provinces(request):
    return _offered(Province, "producer__province", request)


def _selected_province(request):
    """The province chosen, or the one of the commune or district chosen (an address shared without it)."""
    if request is None:
        return None
    province = whole_number(request.GET.get("province"))
    for param, model in (("commune", Commune), ("district", HistoricalDistrict)):
        if province:
            break
        unit = whole_number(request.GET.get(param))
        province = model.objects.filter(pk=unit).values_list("province_id", flat=True).first() if unit else None
    return province


# Communes and districts are offered once a province is chosen: a list of every commune of the country would be
# thousands of options on every page (the province's select submits the form by itself, static/js/filters.js).
def _communes(request):
    province = _selected_province(request)
    if not province:
        return Commune.objects.none()
    return _offered(Commune, "producer__commune", request, producer__province=province)


def _districts(request):
    province = _selected_province(request)
    if not province:
        return HistoricalDistrict.objects.none()
    return _offered(HistoricalDistrict, "producer__historical_district", request, producer__province=province)


def _groups(request):
    return _offered(ProductGroup, "group", request)


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
