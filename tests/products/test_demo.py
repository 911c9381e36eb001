import datetime
import json
from collections import Counter

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from evaluation.models import EvaluationRound
from products.demo import read_demo_file
from products.enums import ProductStatus, Standing
from products.models import Producer, Product


def test_demo_file_holds_the_lai_chau_2020_seed_facts():
    data = read_demo_file()
    products = [p for producer in data["producers"] for p in producer["products"]]
    assert len(data["producers"]) == 23
    assert len(products) == 47
    assert Counter((p["round"], p["stars"]) for p in products) == {(1, 3): 14, (1, 4): 9, (2, 3): 24}
    assert len({p["historical_district"] for p in data["producers"]}) == 8
    assert all(p["note"] for p in products)  # each name says whether it is from the public record or a sample


@pytest.mark.django_db(transaction=False)
def test_load_demo_twice_gives_23_producers_47_products_and_one_login_per_role(capsys):
    call_command("load_demo", "--allow-production")
    call_command("load_demo", "--allow-production")
    out = capsys.readouterr().out
    assert "23 producers, 47 products" in out
    assert Producer.objects.count() == 23
    assert Product.objects.filter(status=ProductStatus.DECIDED).count() == 47
    assert Certificate.objects.filter(year=2020).count() == 47
    assert Counter(Certificate.objects.filter(year=2020).values_list("stars", flat=True)) == {3: 38, 4: 9}
    assert set(Producer.objects.values_list("province__short_name", flat=True)) == {"Lai Châu"}
    assert sorted(User.objects.values_list("username", "role")) == [
        ("admin", "admin"), ("canbo", "staff"), ("canboxa", "commune"), ("chuthe", "producer"), ("lanhdao", "official")]
    for username in ["admin", "canbo", "canboxa", "chuthe", "lanhdao"]:
        assert f"  {username}" in out


@pytest.mark.django_db
def test_load_demo_refuses_logins_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_on_24_11_2026_the_registry_lists_only_what_is_valid_that_day(client):
    """The 2020 certificates expired in 2023; the sample 2026 re-evaluation recognised 12 of the products
    again (decision of 05/11/2026) and one of those certificates was revoked on 18/11/2026."""
    with time_machine.travel(datetime.date(2026, 11, 24), tick=False):
        call_command("load_demo", "--no-logins")
        registry = client.get(reverse("products:registry"))
        valid = set(Certificate.objects.in_force_on(datetime.date(2026, 11, 24)).values_list("product_id", flat=True))
        assert registry.context["paginator"].count == len(valid) == 11
        assert {p.pk for p in registry.context["paginator"].object_list} == valid
        assert "Trà Đông phương mỹ nhân" in registry.content.decode()
        home = client.get(reverse("home")).content.decode()
        assert "Ngày 24/11/2026, có 11 sản phẩm" in home
        lapsed = client.get(reverse("products:registry"), {"standing": "lapsed"}).context["paginator"].object_list
        assert Counter(p.standing for p in lapsed) == {Standing.EXPIRED: 35, Standing.REVOKED: 1}
        revoked = next(p for p in lapsed if p.standing == Standing.REVOKED)
        assert "dữ liệu mẫu" in client.get(revoked.get_absolute_url()).content.decode()
        for product in Product.objects.exclude(certificates__year=2026):  # every 2020-only product
            page = client.get(product.get_absolute_url()).content.decode()
            assert "Hết hiệu lực công nhận" in page and "hết hạn ngày" in page, product.name
        four = Certificate.objects.in_force_on(datetime.date(2026, 11, 24)).filter(stars=4).count()
        assert client.get(reverse("products:registry"), {"stars": "4"}).context["paginator"].count == four == 8
        che = client.get(reverse("products:registry"), {"q": "chè", "standing": "all"}).context["paginator"]
        assert {p.name for p in che.object_list} == set(
            Product.objects.filter(name__contains="Chè").values_list("name", flat=True))
        assert che.count == 5


@pytest.mark.django_db
def test_the_2020_story_is_unchanged(capsys):
    call_command("load_demo", "--no-logins")
    capsys.readouterr()
    call_command("ocop_report", "--province", "Lai Châu", "--year", "2020", "--json")
    reports = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["products"], r["stars"], r["decision"]["number"]) for r in reports] == [
        (1, 23, {"3": 14, "4": 9}, "1168/QĐ-UBND"), (2, 24, {"3": 24}, "1652/QĐ-UBND")]
    sample = EvaluationRound.objects.get(year=2026)
    assert sample.criteria_set.code == "2026" and sample.decision.recognitions.count() == 12
