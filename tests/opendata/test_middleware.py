"""/api/: CORS for reading from any site, a rate limit per client address, JSON errors in Vietnamese."""

import pytest
from django.core.cache import cache
from django.test import override_settings

PRODUCTS = "/api/v1/products/"


def test_reads_are_allowed_from_any_origin(client, db):
    response = client.get(PRODUCTS, HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    head = client.head(PRODUCTS)
    assert (head.status_code, head.content, head["Access-Control-Allow-Origin"]) == (200, b"", "*")
    assert int(head["Content-Length"]) == len(client.get(PRODUCTS).content)


def test_a_preflight_allows_reading_only(client, db):
    response = client.options(PRODUCTS, HTTP_ORIGIN="https://data.example.org",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_no_cors_for_writes_nor_outside_the_api(client, db):
    assert not client.post(PRODUCTS).has_header("Access-Control-Allow-Origin")
    assert client.post(PRODUCTS).status_code in (403, 405)
    assert not client.get("/products/").has_header("Access-Control-Allow-Origin")


@override_settings(OCOP_API_RATE_LIMIT=3, OCOP_API_RATE_WINDOW=60)
def test_a_client_over_the_limit_waits(client, db):
    cache.clear()
    for _ in range(3):
        assert client.get(PRODUCTS).status_code == 200
    refused = client.get(PRODUCTS)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    detail = refused.json()["detail"]
    assert detail.startswith("Địa chỉ của bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ")
    english = client.get(PRODUCTS, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english.startswith("Too many requests from your address.")
    other = client.get(PRODUCTS, REMOTE_ADDR="203.0.113.9")  # another address has its own count
    assert other.status_code == 200
    assert client.get("/products/").status_code == 200  # the web pages are not limited here


@override_settings(OCOP_API_RATE_LIMIT=1, OCOP_API_RATE_WINDOW=60, OCOP_BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_it_saw_counts(client, db):
    cache.clear()
    assert client.get(PRODUCTS, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1").status_code == 200
    assert client.get(PRODUCTS, HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.1").status_code == 429  # forged left part
    assert client.get(PRODUCTS, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


@override_settings(OCOP_API_RATE_LIMIT=1)
def test_a_broken_cache_lets_requests_through(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "add", broken)
    assert [client.get(PRODUCTS).status_code for _ in range(3)] == [200, 200, 200]


@pytest.mark.parametrize("query", ["q=a%00b", "province=%00"])
def test_a_nul_byte_is_a_json_bad_request_in_vietnamese(client, db, query):
    response = client.get(f"{PRODUCTS}?{query}")
    assert response.status_code == 400
    assert response.json() == {"detail": "Yêu cầu chứa ký tự NUL, không hợp lệ."}


def test_the_api_root_leads_to_its_docs(client, db):
    response = client.get("/api/v1/")
    assert (response.status_code, response["Location"]) == (302, "/api/v1/docs")
