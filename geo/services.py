"""Loading administrative units from the maintained `vietnam-provinces` package."""

import vietnam_provinces as vp
from django.db import transaction
from vietnam_provinces import legacy

from geo.models import Commune, HistoricalDistrict, Province
from ocop.text import search_key

_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")


def find_province(name: str) -> Province | None:
    """The province named so, by its short or full name, with or without diacritics ("lai chau", "Tỉnh Lai Châu");
    None if no province, or nothing, is named."""
    key = search_key(name)
    if not key:
        return None
    return next((p for p in Province.objects.order_by("pk") if key in (search_key(p.short_name), search_key(p.name))),
                None)


def short_province_name(name: str) -> str:
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@transaction.atomic
def load_admin_units() -> dict[str, int]:
    """Create or update the 34 provinces, their communes and the historical districts; safe to repeat."""
    provinces = {}
    legacy_to_current = {}
    for src in vp.Province.iter_all():
        province, _ = Province.objects.update_or_create(
            code=int(src.code), defaults={"name": src.name, "short_name": short_province_name(src.name)}
        )
        provinces[int(src.code)] = province
        for old in src.get_legacy_sources():
            legacy_to_current[int(old.code)] = province

    existing = set(Commune.objects.values_list("code", flat=True))
    Commune.objects.bulk_create(
        [
            Commune(code=int(w.code), name=w.name, province=provinces[int(w.province_code)],
                    search_name=search_key(w.name))
            for w in vp.Ward.iter_all()
            if int(w.code) not in existing
        ],
        batch_size=1000,
    )

    existing = set(HistoricalDistrict.objects.values_list("code", flat=True))
    HistoricalDistrict.objects.bulk_create(
        [
            HistoricalDistrict(code=int(d.code), name=d.name, province=legacy_to_current[int(d.province_code)])
            for d in legacy.District.iter_all()
            if int(d.code) not in existing and int(d.province_code) in legacy_to_current
        ],
        batch_size=1000,
    )
    return {
        "provinces": Province.objects.count(),
        "communes": Commune.objects.count(),
        "historical_districts": HistoricalDistrict.objects.count(),
    }
