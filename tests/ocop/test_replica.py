"""Public read-only pages read their data from the replica (ocop/replica.py); sessions, logins, writes and every
other page use the primary. In the tests the replica is the test database itself (a test mirror), so the tests
commit their data (transaction=True) for the replica's connection to see it."""

import datetime

import pytest
import time_machine
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.replica import PIN_COOKIE, REPLICA_APPS, ReadOnlyPagesRouter
from products.models import Product
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, recognise, tea_group

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])


@pytest.fixture
def tea(lai_chau):
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau), name="HTX Chè Tả Lèng")
    product = ProductFactory(producer=producer, name="Chè Tả Lèng", group=tea_group("2026"))
    recognise(product, stars=4, signed_on=datetime.date(2026, 6, 10))
    with time_machine.travel(datetime.date(2027, 1, 15), tick=False):
        yield product


@pytest.fixture
def replica(settings):
    settings.OCOP_READ_REPLICA = True


def tables(queries) -> set[str]:
    """The app labels of the tables named in `queries` (our tables are <app>_<model>)."""
    found = set()
    for query in queries:
        for word in query["sql"].replace('"', " ").replace(".", " ").split():
            if "_" in word and word.split("_")[0] in {*REPLICA_APPS, "accounts", "django", "axes"}:
                found.add(word.split("_")[0])
    return found


def get(client, url):
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, tables(replica.captured_queries), tables(primary.captured_queries)


def public_pages(tea):
    return [reverse("home"), reverse("products:registry"), reverse("products:detail", args=[tea.pk]),
            reverse("certificates:verify", args=[tea.certificates.get().number]),
            reverse("programme:points_of_sale")]


def test_public_pages_read_their_data_from_the_replica(client, tea, replica, staff_user):
    for url in public_pages(tea):
        _response, on_replica, on_primary = get(client, url)
        assert on_replica and on_replica <= REPLICA_APPS and not on_primary, url
    client.force_login(staff_user)
    for url in public_pages(tea):
        response, on_replica, on_primary = get(client, url)
        assert on_replica <= REPLICA_APPS and on_primary == {"django", "accounts"}, url  # session and user
        assert response.wsgi_request.user == staff_user


def test_after_a_post_the_visitor_reads_the_primary_for_a_while(client, tea, replica, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.OCOP_REPLICA_PIN_SECONDS
    for url in public_pages(tea):
        _response, on_replica, on_primary = get(client, url)
        assert not on_replica and on_primary, url


def test_other_pages_never_read_the_replica(client, tea, replica, official_user):
    client.force_login(official_user)
    for url in [reverse("portal:dashboard"), reverse("certificates:list"), reverse("products:product", args=[tea.pk])]:
        _response, on_replica, on_primary = get(client, url)
        assert not on_replica and on_primary, url


def test_without_a_replica_everything_reads_the_primary(client, tea):
    for url in public_pages(tea):
        _response, on_replica, on_primary = get(client, url)
        assert not on_replica and on_primary, url


def test_writes_and_migrations_never_go_to_the_replica():
    router = ReadOnlyPagesRouter()
    assert router.db_for_write(Product) == "default"
    assert router.db_for_read(Product) is None  # outside a read-only page: the primary
    assert router.allow_migrate("replica", "products") is False and router.allow_migrate("default", "products")
