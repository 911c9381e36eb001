import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from products.enums import LegalType, ProductStatus
from products.models import ProductGroup
from tests.factories import (
    CommuneFactory,
    HistoricalDistrictFactory,
    ProducerFactory,
    ProductFactory,
    recognise,
    tea_group,
)

REGISTRY = reverse("products:registry")


def names(response):
    return sorted(p.name for p in response.context["products"])


@pytest.fixture
def catalogue(lai_chau, dien_bien):
    tam_duong = HistoricalDistrictFactory(name="Huyện Tam Đường", province=lai_chau)
    binh_lu = CommuneFactory(name="Xã Bình Lư", province=lai_chau)
    co_op = ProducerFactory(name="HTX Chè Bình Lư", commune=binh_lu, historical_district=tam_duong)
    household = ProducerFactory(name="Hộ Lò Văn A", legal_type=LegalType.HOUSEHOLD,
                                commune=CommuneFactory(province=dien_bien), historical_district=None)
    honey = ProductGroup.objects.get(scheme="2026", name="Mật ong, mật khác và nông sản thực phẩm khác")
    # Recognised the way the app does it (a decided round, a certificate), valid today unless said otherwise.
    recognise(ProductFactory(producer=co_op, name="Chè Shan tuyết Bình Lư", group=tea_group("148")), stars=4,
              signed_on=datetime.date(2025, 9, 30))
    recognise(ProductFactory(producer=co_op, name="Trà xanh Bình Lư", group=tea_group("2026")), stars=3,
              signed_on=datetime.date(2026, 10, 1))
    recognise(ProductFactory(producer=household, name="Mật ong Mường Phăng", group=honey), stars=3,
              signed_on=datetime.date(2026, 10, 15))
    recognise(ProductFactory(producer=co_op, name="Chè hết hạn Bình Lư"), stars=4,
              signed_on=datetime.date(2020, 9, 30))  # valid until 29/09/2023
    ProductFactory(producer=household, name="Chè chưa đạt", status=ProductStatus.DRAFT)
    ProductFactory(producer=co_op, name="Chè bản nháp", status=ProductStatus.DRAFT)
    return {"lai_chau": lai_chau, "dien_bien": dien_bien, "tam_duong": tam_duong, "binh_lu": binh_lu, "honey": honey}


def test_registry_lists_only_products_recognised_today(client, catalogue):
    response = client.get(REGISTRY)
    assert response.status_code == 200
    assert names(response) == ["Chè Shan tuyết Bình Lư", "Mật ong Mường Phăng", "Trà xanh Bình Lư"]


def test_registry_shows_expired_ones_on_request_clearly_marked(client, catalogue):
    lapsed = client.get(REGISTRY, {"standing": "lapsed"})
    assert names(lapsed) == ["Chè hết hạn Bình Lư"]
    assert "Hết hạn ngày 29/09/2023" in lapsed.content.decode()
    assert names(client.get(REGISTRY, {"standing": "all"})) == [
        "Chè Shan tuyết Bình Lư", "Chè hết hạn Bình Lư", "Mật ong Mường Phăng", "Trà xanh Bình Lư"]


@pytest.mark.parametrize("query", ["che", "chè", "CHÈ", "Che"])
def test_registry_search_ignores_diacritics_and_case(client, catalogue, query):
    assert names(client.get(REGISTRY, {"q": query})) == ["Chè Shan tuyết Bình Lư"]


def test_registry_search_several_words_without_diacritics(client, catalogue):
    assert names(client.get(REGISTRY, {"q": "che shan tuyet"})) == ["Chè Shan tuyết Bình Lư"]
    assert names(client.get(REGISTRY, {"q": "shan mat ong"})) == []


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"stars": "4"}, ["Chè Shan tuyết Bình Lư"]),
        ({"stars": "3"}, ["Mật ong Mường Phăng", "Trà xanh Bình Lư"]),
        ({"year": "2026"}, ["Mật ong Mường Phăng", "Trà xanh Bình Lư"]),
        ({"year": "2025"}, ["Chè Shan tuyết Bình Lư"]),
        ({"year": "2020"}, []),
        ({"year": "2020", "standing": "lapsed"}, ["Chè hết hạn Bình Lư"]),
        ({"producer_type": "household"}, ["Mật ong Mường Phăng"]),
    ],
)
def test_registry_filters(client, catalogue, params, expected):
    assert names(client.get(REGISTRY, params)) == expected


def test_registry_filters_by_place_and_group(client, catalogue):
    assert names(client.get(REGISTRY, {"province": catalogue["dien_bien"].pk})) == ["Mật ong Mường Phăng"]
    assert names(client.get(REGISTRY, {"district": catalogue["tam_duong"].pk})) == [
        "Chè Shan tuyết Bình Lư", "Trà xanh Bình Lư"]
    assert names(client.get(REGISTRY, {"commune": catalogue["binh_lu"].pk, "stars": "3"})) == ["Trà xanh Bình Lư"]
    assert names(client.get(REGISTRY, {"group": catalogue["honey"].pk})) == ["Mật ong Mường Phăng"]


def test_registry_bad_filter_value_shows_an_error_not_a_crash(client, catalogue):
    response = client.get(REGISTRY, {"year": "hai nghìn"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["year"]


def test_registry_page_runs_a_fixed_number_of_queries(client, lai_chau, django_assert_max_num_queries):
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau))
    recognise(ProductFactory(producer=producer, group=tea_group("2026")), signed_on=datetime.date(2026, 9, 1))
    cache.clear()  # the filters' choice lists are cached: count a cold page each time
    with django_assert_max_num_queries(7) as one:
        client.get(REGISTRY)
    recognise(*ProductFactory.create_batch(44, producer=producer, group=tea_group("2026")),
              signed_on=datetime.date(2026, 9, 2))
    for other in range(5):
        recognise(ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)),
                                 group=tea_group("2026")), signed_on=datetime.date(2026, 9, 3 + other))
    cache.clear()
    with django_assert_max_num_queries(7) as many:
        response = client.get(REGISTRY)
    assert response.context["paginator"].count == 50
    assert len(response.context["products"]) == 20  # more products than one page
    assert len(many.captured_queries) == len(one.captured_queries)


def test_registry_paginates(client, lai_chau):
    recognise(*ProductFactory.create_batch(25, producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)),
                                           group=tea_group("2026")), signed_on=datetime.date(2026, 9, 1))
    second = client.get(REGISTRY, {"page": 2})
    assert len(second.context["products"]) == 5


@pytest.mark.parametrize("page, shown", [("99", 2), ("99999999999999999999", 2), ("0", 1), ("-3", 1), ("abc", 1),
                                         ("²", 1)])
def test_defect_12_a_page_out_of_range_shows_the_nearest_page_not_a_bare_404(client, lai_chau, page, shown):
    recognise(*ProductFactory.create_batch(25, producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)),
                                           group=tea_group("2026")), signed_on=datetime.date(2026, 9, 1))
    response = client.get(REGISTRY, {"page": page, "stars": "3"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert len(response.context["products"]) == (5 if shown == 2 else 20)
    assert f"Trang {shown} / 2" in response.content.decode()


def test_product_page_shows_public_facts(client, catalogue):
    product = catalogue["binh_lu"].producers.get().products.get(name="Chè Shan tuyết Bình Lư")
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    certificate = product.certificates.get()
    for text in ["Chè Shan tuyết Bình Lư", "HTX Chè Bình Lư", "Xã Bình Lư", "Huyện Tam Đường", "★★★★",
                 "Sản phẩm OCOP 4 sao", certificate.number, certificate.get_absolute_url(), "29/09/2028",
                 "Lịch sử công nhận"]:
        assert text in body


def test_product_page_of_an_expired_product_says_so(client, catalogue):
    product = catalogue["binh_lu"].producers.get().products.get(name="Chè hết hạn Bình Lư")
    body = client.get(product.get_absolute_url()).content.decode()
    assert "Hết hiệu lực công nhận" in body and "hết hạn ngày 29/09/2023" in body
    assert "Sản phẩm OCOP 4 sao" not in body


def test_product_page_is_404_for_a_product_never_recognised(client, catalogue):
    for product in catalogue["binh_lu"].producers.get().products.filter(certificates__isnull=True):
        assert client.get(product.get_absolute_url()).status_code == 404


def test_product_page_query_count(client, catalogue, django_assert_max_num_queries):
    product = catalogue["binh_lu"].producers.get().products.get(name="Chè Shan tuyết Bình Lư")
    with django_assert_max_num_queries(3):
        client.get(product.get_absolute_url())


@pytest.mark.parametrize("params", [
    {"province": "²"}, {"province": "٣"}, {"district": "１"}, {"commune": "99999999999999999999"},
    {"group": "-1"}, {"year": "²"}, {"year": "99999999999999999999"}, {"stars": "³"}, {"page": "²"},
    {"q": " ".join(["chè"] * 1200)}, {"q": "che\u200f"}, {"q": "x" * 10_000}, {"province": "1e3"},
])
def test_registry_hostile_parameters_never_crash(client, catalogue, params):
    response = client.get(REGISTRY, params)
    assert response.status_code in (200, 404)


def test_registry_search_of_many_words_looks_at_the_first_ten(client, catalogue):
    response = client.get(REGISTRY, {"q": "shan tuyet " + " ".join(["binh"] * 1000)})
    assert names(response) == ["Chè Shan tuyết Bình Lư"]


def test_registry_offers_communes_and_districts_once_a_province_is_chosen(client, catalogue, lai_chau,
                                                                          django_assert_max_num_queries):
    def offered(params=None):
        form = client.get(REGISTRY, params or {}).context["filter"].form
        return {name: {str(c) for _v, c in form.fields[name].choices if _v} for name in ("province", "commune",
                                                                                            "district")}

    cache.clear()
    country = offered()
    assert country["province"] == {"Lai Châu", "Điện Biên"} and not country["commune"]
    assert not country["district"]
    chosen = offered({"province": lai_chau.pk})
    assert "Xã Bình Lư" in chosen["commune"] and chosen["district"] == {"Huyện Tam Đường"}
    # an address with a commune but no province still finds its commune (and filters by it)
    assert names(client.get(REGISTRY, {"commune": catalogue["binh_lu"].pk})) == [
        "Chè Shan tuyết Bình Lư", "Trà xanh Bình Lư"]
    with django_assert_max_num_queries(5):  # the lists come from the cache now: the count, the page's ids, its
        client.get(REGISTRY)                # rows, and the province's choices (ids from the cache)
