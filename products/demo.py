"""The Lai Châu 2020 producers and products (fixtures/lai_chau_2020.json) and one demo login per role.

Safe to run twice. The products' stars come from the demo rounds (evaluation/demo.py), not from here."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from geo.models import Commune, HistoricalDistrict, Province
from geo.services import load_admin_units
from products.models import Producer, Product, ProductGroup

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "lai_chau_2020.json"
DEMO_PASSWORD = "demo-ocop-2020"  # noqa: S105 — the demo logins' password, published in the README


@dataclass
class DemoLogin:
    username: str
    role: str
    scope: str


def read_demo_file(path: Path = DEMO_FILE) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@transaction.atomic
def load_demo_data(path: Path = DEMO_FILE) -> dict[str, int]:
    """Create or update the demo producers and products (matched by registration code and name)."""
    if not Province.objects.exists():
        load_admin_units()
    data = read_demo_file(path)
    groups = {g.name: g for g in ProductGroup.objects.filter(scheme=data["classification"])}
    communes = {c.code: c for c in Commune.objects.filter(province__code=data["province"])}
    districts = {d.code: d for d in HistoricalDistrict.objects.filter(province__code=data["province"])}
    for item in data["producers"]:
        producer, _ = Producer.objects.update_or_create(
            registration_code=item["registration_code"],
            defaults={
                "name": item["name"], "legal_type": item["legal_type"], "representative": item["representative"],
                "address": item["address"], "phone": item["phone"],
                "commune": communes[item["commune"]], "historical_district": districts[item["historical_district"]],
            },
        )
        for p in item["products"]:
            product, created = Product.objects.update_or_create(
                producer=producer, name=p["name"],
                # the group only when created: a product reclassified since (the 2026 sample) stays so
                defaults={"description": p["note"]},
                create_defaults={"group": groups[p["group"]], "description": p["note"]},
            )
            if created:  # registered before its round, as the records were
                registered = datetime.datetime.fromisoformat(data["registered_on"][str(p["round"])])
                Product.objects.filter(pk=product.pk).update(
                    created_at=timezone.make_aware(registered.replace(hour=9)))
    codes = [item["registration_code"] for item in data["producers"]]
    return {
        "producers": Producer.objects.filter(registration_code__in=codes).count(),
        "products": Product.objects.filter(producer__registration_code__in=codes).count(),
    }


@transaction.atomic
def create_demo_logins(path: Path = DEMO_FILE) -> list[DemoLogin]:
    """One login per role: administrator, provincial staff, official, producer (the first demo producer), commune
    staff (of the first demo producer's commune, which has three demo producers)."""
    data = read_demo_file(path)
    province = Province.objects.get(code=data["province"])
    producer = Producer.objects.get(registration_code=data["producers"][0]["registration_code"])
    wanted = [
        ("admin", {"role": Role.ADMIN, "is_superuser": True, "first_name": "Quản trị"}, "—"),
        ("canbo", {"role": Role.STAFF, "province": province, "first_name": "Cán bộ OCOP tỉnh"}, province.short_name),
        ("lanhdao", {"role": Role.OFFICIAL, "province": province, "first_name": "Lãnh đạo UBND tỉnh"},
         province.short_name),
        ("chuthe", {"role": Role.PRODUCER, "producer": producer, "first_name": "Chủ thể"}, producer.name),
        ("canboxa", {"role": Role.COMMUNE, "commune": producer.commune, "first_name": "Cán bộ xã"},
         producer.commune.name),
    ]
    logins = []
    for username, fields, scope in wanted:
        user, created = User.objects.update_or_create(username=username, defaults=fields)
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        logins.append(DemoLogin(username, user.get_role_display(), scope))
    return logins
