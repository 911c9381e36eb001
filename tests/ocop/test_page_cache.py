"""Public pages kept whole for anonymous visitors (ocop/page_cache.py): served from the cache while nothing changes,
renewed as soon as a certificate, product or producer change is committed, never for a logged-in user."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.services import revoke_certificate
from products.services import save_product
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, recognise

REGISTRY = reverse("products:registry")
TODAY = datetime.datetime(2026, 11, 24, 9, tzinfo=datetime.UTC)
LIST_READS = ('SELECT "products_product"."id"', 'SELECT "products_product"."id" AS "pk"')


@pytest.fixture
def page_cache(settings):
    settings.OCOP_PUBLIC_PAGE_SECONDS = 60


@pytest.fixture
def recognised(lai_chau, official_user, django_capture_on_commit_callbacks):
    with time_machine.travel(TODAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(name="Chè Shan tuyết Sìn Hồ",
                                 producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)))
        recognise(product, stars=4, signed_on=datetime.date(2026, 10, 1), actor=official_user)
    return product


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, len(queries)


@time_machine.travel(TODAY, tick=False)
def test_a_public_page_asked_again_is_served_from_the_cache(client, recognised, page_cache):
    first, asked = queries_of(client, REGISTRY)
    again, served = queries_of(client, REGISTRY)
    assert asked > 0 and served == 0
    assert again.content == first.content and "Chè Shan tuyết Sìn Hồ" in again.content.decode()
    assert again["Content-Type"] == first["Content-Type"]
    # the product page and the home page too; each address is a page of its own
    assert queries_of(client, recognised.get_absolute_url())[1] > 0
    assert queries_of(client, recognised.get_absolute_url())[1] == 0
    assert queries_of(client, REGISTRY + "?q=che")[1] > 0


@time_machine.travel(TODAY, tick=False)
def test_a_revocation_reaches_the_public_pages_at_once(client, recognised, official_user, page_cache,
                                                       django_capture_on_commit_callbacks):
    page = recognised.get_absolute_url()
    assert "Chè Shan tuyết Sìn Hồ" in client.get(REGISTRY).content.decode()
    client.get(page)
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(recognised.certificates.get(), reason="Vi phạm an toàn thực phẩm", actor=official_user)
    assert "Chè Shan tuyết Sìn Hồ" not in client.get(REGISTRY).content.decode()
    assert client.get(page).context["product"].standing == "revoked"


@time_machine.travel(TODAY, tick=False)
def test_a_renamed_product_is_renamed_on_the_public_pages_at_once(client, recognised, staff_user, page_cache,
                                                                  django_capture_on_commit_callbacks):
    client.get(REGISTRY)
    recognised.name = "Chè Shan tuyết cổ thụ Sìn Hồ"
    with django_capture_on_commit_callbacks(execute=True):
        save_product(recognised, actor=staff_user, expected_version=recognised.version)
    assert "Chè Shan tuyết cổ thụ Sìn Hồ" in client.get(REGISTRY).content.decode()


def test_a_certificate_lapses_on_the_public_pages_the_day_it_expires(client, recognised, page_cache):
    expires_on = recognised.certificates.get().expires_on
    with time_machine.travel(datetime.datetime.combine(expires_on, datetime.time(10, 0), tzinfo=datetime.UTC)):
        assert "Chè Shan tuyết Sìn Hồ" in client.get(REGISTRY).content.decode()
    with time_machine.travel(expires_on + datetime.timedelta(days=1)):
        assert "Chè Shan tuyết Sìn Hồ" not in client.get(REGISTRY).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_each_language_has_its_own_page(client, recognised, page_cache):
    vietnamese = client.get(REGISTRY).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(REGISTRY).content.decode()
    assert 'lang="vi"' in vietnamese and 'lang="en"' in english


@time_machine.travel(TODAY, tick=False)
def test_a_logged_in_user_is_never_served_a_visitors_page_nor_leaves_theirs(client, login, staff_user, recognised,
                                                                           page_cache):
    client.get(REGISTRY)
    staff = login(staff_user)
    mine = staff.get(REGISTRY).content.decode()
    assert staff_user.username in mine or "Log out" in mine or "Đăng xuất" in mine
    assert queries_of(staff, REGISTRY)[1] > 0  # rendered for them each time
    visitor = Client().get(REGISTRY).content.decode()
    assert "Đăng xuất" not in visitor and staff_user.username not in visitor


@time_machine.travel(TODAY, tick=False)
def test_a_visitor_with_a_message_waiting_is_not_served_the_kept_page(client, recognised, page_cache):
    client.get(REGISTRY)
    client.cookies["messages"] = "anything"
    assert queries_of(client, REGISTRY)[1] > 0


@time_machine.travel(TODAY, tick=False)
def test_only_whole_successful_pages_are_kept(client, recognised, page_cache):
    assert client.get("/verify/OCOP-NOPE-1/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/verify/OCOP-NOPE-1/").status_code == 404
    assert len(queries) > 0


@time_machine.travel(TODAY, tick=False)
def test_the_language_switch_works_without_a_token_and_pages_set_no_cookie(recognised, page_cache):
    browser = Client(enforce_csrf_checks=True)  # checks CSRF, as a browser meets it
    page = browser.get(REGISTRY)
    assert not page.cookies  # nothing personal in a public page: it can be kept whole
    assert browser.post(reverse("set_language"), {"language": "en", "next": REGISTRY}).status_code == 302
    assert 'lang="en"' in browser.get(REGISTRY).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_registry_reads_its_list_once_for_all_its_pages_until_something_changes(
        login, staff_user, lai_chau, recognised, page_cache, official_user, django_capture_on_commit_callbacks,
        settings):
    settings.OCOP_PAGE_SIZE = 1
    with django_capture_on_commit_callbacks(execute=True):
        other = ProductFactory(name="Mật ong bạc hà",
                               producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)))
        recognise(other, stars=3, signed_on=datetime.date(2026, 10, 2), actor=official_user)
    staff = login(staff_user)  # rendered each time (logged in): only the list's ids are kept

    def reading(url):
        with CaptureQueriesContext(connection) as queries:
            page = staff.get(url)
        sql = [q["sql"] for q in queries.captured_queries]
        # the list's ids, read in order (the page's rows are then read by id, with every column)
        listed = sum(q.split(" FROM ")[0] in LIST_READS for q in sql)
        return [p.name for p in page.context["products"]], page.context["paginator"].count, listed

    assert reading(REGISTRY) == (["Chè Shan tuyết Sìn Hồ"], 2, 1)  # 4★ first
    assert reading(REGISTRY + "?page=2") == (["Mật ong bạc hà"], 2, 0)  # a slice of the kept list
    assert reading(REGISTRY + "?q=mat+ong")[2] == 1  # another search: read
    assert reading(REGISTRY + "?page=2&fresh=1")[2] == 0  # a parameter that is not a filter: the same list
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(recognised.certificates.get(), reason="Vi phạm an toàn thực phẩm", actor=official_user)
    assert reading(REGISTRY) == (["Mật ong bạc hà"], 1, 1)


@time_machine.travel(TODAY, tick=False)
def test_the_api_reads_its_list_once_for_all_its_pages_until_something_changes(
        client, lai_chau, recognised, page_cache, official_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = ProductFactory(name="Mật ong bạc hà",
                               producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)))
        recognise(other, stars=3, signed_on=datetime.date(2026, 10, 2), actor=official_user)

    def reading(query):  # a new address each time: the answer is computed, only the list's ids may be kept
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/api/v1/products/", {"page_size": 1, **query}).json()
        listed = sum(q["sql"].split(" FROM ")[0] in LIST_READS for q in queries.captured_queries)
        return [row["name"] for row in answer["results"]], answer["count"], listed

    assert reading({"page": 1}) == (["Chè Shan tuyết Sìn Hồ"], 2, 1)
    assert reading({"page": 2}) == (["Mật ong bạc hà"], 2, 0)
    assert reading({"page": 2, "q": "mat ong"})[1:] == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(recognised.certificates.get(), reason="Vi phạm an toàn thực phẩm", actor=official_user)
    assert reading({"page": 1, "page_size": 1, "fresh": 1}) == (["Mật ong bạc hà"], 1, 1)
