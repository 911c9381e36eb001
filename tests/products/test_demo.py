from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from products.demo import read_demo_file
from products.enums import ProductStatus
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
    assert Product.objects.filter(status=ProductStatus.RECOGNISED).count() == 47
    assert set(Producer.objects.values_list("province__short_name", flat=True)) == {"Lai Châu"}
    assert sorted(User.objects.values_list("username", "role")) == [
        ("admin", "admin"), ("canbo", "staff"), ("chuthe", "producer"), ("lanhdao", "official")]
    for username in ["admin", "canbo", "chuthe", "lanhdao"]:
        assert f"  {username}" in out


@pytest.mark.django_db
def test_load_demo_refuses_logins_with_debug_off():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_registry_lists_the_47_demo_products(client):
    call_command("load_demo", "--no-logins")
    response = client.get(reverse("products:registry"))
    assert response.context["paginator"].count == 47
    assert client.get(reverse("products:registry"), {"stars": "4"}).context["paginator"].count == 9
    che = client.get(reverse("products:registry"), {"q": "chè"}).context["paginator"].object_list
    assert {p.name for p in che} == set(
        Product.objects.filter(name__contains="Chè").values_list("name", flat=True))
    assert len(che) == 5
