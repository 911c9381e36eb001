"""The public API (opendata/api.py): what the public may see (what the web registry shows, nothing else), its
filters, pages and query counts, producers' public data, and certificate verification."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates.services import revoke_certificate
from products.enums import LegalType
from tests.factories import (
    CommuneFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    UserFactory,
    recognise,
    tea_group,
)
from tests.products.test_registry import catalogue  # noqa: F401 — the registry's scenario, shared

PRODUCTS = "/api/v1/products/"
PRODUCERS = "/api/v1/producers/"
REGISTRY = reverse("products:registry")


def api_names(client, url=PRODUCTS, **params):
    response = client.get(url, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def web_names(client, **params):
    """Every product of the web registry for these filters, across its pages, in its order."""
    found, page = [], 1
    while True:
        response = client.get(REGISTRY, {**params, "page": page})
        found += [p.name for p in response.context["products"]]
        if not response.context["page_obj"].has_next():
            return found
        page += 1


@pytest.fixture
def revoked(catalogue):  # noqa: F811 — the shared fixture
    """A product whose certificate was revoked yesterday."""
    product = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=catalogue["lai_chau"])),
                             name="Chè thu hồi", group=tea_group("2026"))
    recognise(product, stars=3, signed_on=timezone.localdate() - datetime.timedelta(days=60))
    official = UserFactory(username="lanhdao", role=Role.OFFICIAL, province=catalogue["lai_chau"])
    revoke_certificate(product.certificates.get(), reason="Vi phạm an toàn thực phẩm", actor=official,
                       on=timezone.localdate() - datetime.timedelta(days=1))
    return product


def test_lists_only_products_recognised_today(client, catalogue):  # noqa: F811
    assert api_names(client) == ["Chè Shan tuyết Bình Lư", "Mật ong Mường Phăng", "Trà xanh Bình Lư"]


def test_lapsed_and_all_show_expired_and_revoked_marked_as_such(client, catalogue, revoked):  # noqa: F811
    lapsed = client.get(PRODUCTS, {"standing": "lapsed"}).json()["results"]
    assert {r["name"]: r["standing"]["code"] for r in lapsed} == {"Chè hết hạn Bình Lư": "expired",
                                                                   "Chè thu hồi": "revoked"}
    assert {r["standing"]["label"] for r in lapsed} == {"Hết hạn", "Bị thu hồi"}
    assert "Chè thu hồi" not in api_names(client)
    assert sorted(api_names(client, standing="all")) == sorted(
        ["Chè Shan tuyết Bình Lư", "Mật ong Mường Phăng", "Trà xanh Bình Lư", "Chè hết hạn Bình Lư", "Chè thu hồi"])


def test_a_draft_is_absent_and_not_found(client, catalogue, draft_product):  # noqa: F811
    assert "Trà mới" not in api_names(client, standing="all")
    response = client.get(f"{PRODUCTS}{draft_product.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_a_draft_stays_hidden_from_a_logged_in_producer_too(client, draft_product, producer_user):
    client.force_login(producer_user)  # the API is the public's: a session gives no more
    assert client.get(f"{PRODUCTS}{draft_product.pk}/").status_code == 404
    assert api_names(client, standing="all") == []


def test_the_same_rows_as_the_web_registry_for_every_filter(client, catalogue, revoked):  # noqa: F811
    c = catalogue
    cases = [{}, {"standing": "lapsed"}, {"standing": "all"}, {"q": "che shan tuyet"}, {"q": "BÌNH lư"},
             {"province": c["lai_chau"].pk}, {"province": c["dien_bien"].pk, "standing": "all"},
             {"commune": c["binh_lu"].pk}, {"district": c["tam_duong"].pk, "standing": "all"},
             {"group": c["honey"].pk}, {"stars": 4}, {"stars": 3, "standing": "all"}, {"year": 2026},
             {"year": 2020, "standing": "lapsed"}, {"producer_type": LegalType.HOUSEHOLD}]
    for params in cases:
        assert api_names(client, **params) == web_names(client, **params), params


def test_a_filter_that_matches_nothing_gives_nothing(client, catalogue):  # noqa: F811
    far = ProvinceFactory(code=1, name="Thành phố Hà Nội", short_name="Hà Nội")
    assert api_names(client, province=far.pk) == []  # the web form ignores a province it does not offer
    assert api_names(client, q="không có sản phẩm này") == []


def test_pages(client, lai_chau):
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau))
    products = [ProductFactory(producer=producer, name=f"Chè {i:02d}", group=tea_group("2026")) for i in range(5)]
    recognise(*products, stars=3, signed_on=timezone.localdate() - datetime.timedelta(days=10))
    first = client.get(PRODUCTS, {"page_size": 2, "q": "che"}).json()
    assert (first["count"], first["pages"], first["page"], first["previous"]) == (5, 3, 1, None)
    assert [r["name"] for r in first["results"]] == ["Chè 00", "Chè 01"]
    assert first["next"] == "http://testserver/api/v1/products/?page_size=2&q=che&page=2"
    last = client.get(first["next"]).json()
    last = client.get(last["next"]).json()
    assert [r["name"] for r in last["results"]] == ["Chè 04"] and last["next"] is None
    beyond = client.get(PRODUCTS, {"page_size": 2, "page": 9}).json()
    assert (beyond["count"], beyond["results"], beyond["previous"]) == (5, [], beyond["previous"])
    assert beyond["previous"].endswith("page=3")


@pytest.mark.parametrize("params", [{"page": 0}, {"page_size": 101}, {"province": "²"}, {"province": "1e1"},
                                    {"stars": 2}, {"standing": "draft"}, {"year": "٢٠٢٠"},
                                    {"province": "99999999999999999999"}])
def test_bad_parameters_are_refused_in_vietnamese(client, params):
    response = client.get(PRODUCTS, params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Một số tham số của yêu cầu không hợp lệ."
    assert body["errors"][0]["parameter"] == next(iter(params))


def test_errors_in_english_when_asked(client, db):
    response = client.get(f"{PRODUCTS}999999/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert response.json() == {"detail": "Not found."}
    assert client.get(PRODUCTS, {"page": 0}, HTTP_ACCEPT_LANGUAGE="en").json()["errors"] == [
        {"parameter": "page", "message": "is out of the accepted range"}]


def _recognised(province, count, prefix):
    """`count` recognised products of as many producers, communes and groups (what a page reads per row)."""
    products = [ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=province)),
                               name=f"{prefix} {i}", group=tea_group("2026")) for i in range(count)]
    recognise(*products, stars=4, signed_on=timezone.localdate() - datetime.timedelta(days=5))


@pytest.mark.parametrize("url", [PRODUCTS, PRODUCERS])
def test_queries_per_page_do_not_grow_with_the_list(client, lai_chau, django_assert_max_num_queries, url):
    _recognised(lai_chau, 1, "Chè")
    with django_assert_max_num_queries(4):  # count, ids, rows, governing certificates
        assert len(client.get(url, {"standing": "all"}).json()["results"]) == 1
    _recognised(lai_chau, 25, "Mật ong")
    with django_assert_max_num_queries(4):
        assert len(client.get(url, {"standing": "all"}).json()["results"]) == 20


def test_product_detail_has_its_certificates(client, catalogue, revoked):  # noqa: F811
    body = client.get(f"{PRODUCTS}{revoked.pk}/").json()
    assert body["standing"]["code"] == "revoked"
    [certificate] = body["certificates"]
    assert certificate["state"] == "revoked"
    assert certificate["revoked_reason"] == "Vi phạm an toàn thực phẩm"
    assert certificate["ended_on"] == (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def test_producers_show_public_data_only(client, product):
    producer = product.producer
    producer.phone, producer.email, producer.website = "0213 3876 543", "bimat@example.com", "https://htx.vn"
    producer.save()
    rows = client.get(PRODUCERS).json()["results"]
    assert [r["name"] for r in rows] == ["Hợp tác xã Chè Mẫu"]
    detail = client.get(f"{PRODUCERS}{producer.pk}/").json()
    assert detail["phone"] == "0213 3876 543"  # shown on the web product page
    text = str(detail) + str(rows)
    for private in ("bimat@example.com", "https://htx.vn", producer.registration_code, producer.representative):
        assert private not in text
    assert detail["products"] == [{"id": product.pk, "name": product.name, "standing": "recognised", "stars": 4}]


def test_a_producer_without_a_public_product_is_not_found(client, draft_product, other_product):
    assert client.get(PRODUCERS, {"standing": "all"}).json()["count"] == 0
    for producer in (draft_product.producer, other_product.producer):
        assert client.get(f"{PRODUCERS}{producer.pk}/").status_code == 404


def test_a_producer_shows_only_its_public_products(client, product, draft_product):
    detail = client.get(f"{PRODUCERS}{product.producer.pk}/").json()
    assert [p["name"] for p in detail["products"]] == [product.name]


def test_certificate_verification_says_what_the_page_says(client, catalogue, revoked):  # noqa: F811
    certificate = revoked.certificates.get()
    body = client.get(f"/api/v1/certificates/{certificate.number.lower()}/").json()
    assert (body["number"], body["state"], body["valid"], body["revoked_reason"]) == (
        certificate.number, "revoked", False, "Vi phạm an toàn thực phẩm")
    assert body["state_label"] == "Đã thu hồi"
    assert body["producer_name"] == certificate.producer_name and body["product_id"] == revoked.pk
    page = client.get(reverse("certificates:verify", args=[certificate.number])).content.decode()
    assert "Vi phạm an toàn thực phẩm" in page and certificate.decision_number in page


@pytest.mark.parametrize("number", ["OCOP-99-2020-9999", "a'b", "x" * 300, "😀"])
def test_an_unknown_certificate_is_not_found(client, db, number):
    response = client.get(f"/api/v1/certificates/{number}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_openapi_and_docs_at_their_addresses(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/products/", "/api/v1/products/{product_id}/", "/api/v1/producers/",
            "/api/v1/producers/{producer_id}/", "/api/v1/certificates/{number}/"} <= set(schema["paths"])
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert docs.status_code == 200 and "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    scripts = [chunk.split(">", 1)[0] for chunk in html.split("<script")[1:]]
    assert all("src=" in tag or 'type="application/json"' in tag for tag in scripts)  # no inline script
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_answers_are_kept_for_anonymous_readers(client, product, settings, django_assert_num_queries):
    settings.OCOP_PUBLIC_PAGE_SECONDS = 60
    first = client.get(PRODUCTS)
    with django_assert_num_queries(0):
        again = client.get(PRODUCTS)
    assert again.content == first.content and again["Access-Control-Allow-Origin"] == "*"
    assert again["Content-Type"] == "application/json; charset=utf-8"
