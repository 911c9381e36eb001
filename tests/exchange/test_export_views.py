"""The export page: anyone downloads the official list; the staff and officials of the province also get the
producers' registration codes and representatives, and the PTNT_OCOP table. Denials as well as grants."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchange.exports.writers import LIST_HEADER, PTNT_HEADER
from tests.factories import ProducerFactory, ProductFactory, recognise, tea_group

URL = reverse("exchange:export_recognised")


@pytest.fixture
def decision(product):
    """The decision that recognised the `product` fixture (4★, a month ago)."""
    return product.certificates.get().decision


def ask(client, of, fmt="csv", **extra):
    params = {"province": str(of.province_id), "year": str(of.year), "decision": of.number, "format": fmt, **extra}
    return client.get(URL, params)


def csv_rows(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_page_offers_the_lists_to_anyone(client, decision):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Tải danh sách sản phẩm OCOP được công nhận" in response.content.decode()
    assert "ptnt" not in [value for value, _label in response.context["form"].fields["format"].choices]


def test_anonymous_downloads_the_public_list_without_registration_code_or_representative(client, decision,
                                                                                          product):
    response = ask(client, decision)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="san-pham-ocop-lai-chau-')
    assert response["Cache-Control"].startswith("max-age=0")
    header, row = csv_rows(response)
    assert header == LIST_HEADER
    assert row[1] == "Chè Shan tuyết Mẫu" and row[4] == "4" and row[5] == decision.number
    assert row[8] == row[10] == ""  # Mã số chủ thể, Người đại diện: not public


@pytest.mark.parametrize("persona", ["staff_user", "official_user", "admin_user"])
def test_the_province_gets_the_full_list(request, login, decision, product, persona):
    response = ask(login(request.getfixturevalue(persona)), decision, fmt="xlsx")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == LIST_HEADER
    assert rows[1][8] == product.producer.registration_code and rows[1][10] == product.producer.representative


@pytest.mark.parametrize("persona", ["other_staff_user", "producer_user"])
def test_others_get_the_public_list_only(request, login, decision, persona):
    client = login(request.getfixturevalue(persona))
    header, row = csv_rows(ask(client, decision))
    assert row[8] == row[10] == ""


def test_the_ministry_table_goes_to_the_province_only(login, client, decision, official_user, other_staff_user,
                                                      producer_user):
    response = ask(login(official_user), decision, fmt="ptnt")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-PTNT_OCOP.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.active.title == "PTNT_OCOP"
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == PTNT_HEADER and rows[1][8] == "Còn hiệu lực"
    refused = ask(login(other_staff_user), decision, fmt="ptnt")
    assert refused.status_code == 400
    assert "Chỉ cán bộ và lãnh đạo của tỉnh mới tải được biểu PTNT_OCOP" in refused.content.decode()
    for user in (producer_user, None):
        client.logout()
        if user:
            client.force_login(user)
        refused = ask(client, decision, fmt="ptnt")
        assert refused.status_code == 400 and "ptnt" not in dict(refused.context["form"].fields["format"].choices)


def test_an_unknown_decision_is_named_on_the_page(client, decision):
    response = ask(client, decision, decision="99/QĐ-UBND")
    assert response.status_code == 400
    assert "Không có quyết định số “99/QĐ-UBND” công nhận sản phẩm OCOP của tỉnh Lai Châu" in response.content.decode()


@pytest.mark.parametrize("year", ["٢٠٢٠", "²", "2020.0", "99999999999999999999", ""])
def test_a_year_not_offered_is_refused(client, decision, year):
    response = ask(client, decision, year=year)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_the_round_page_links_the_decisions_lists(login, staff_user, decision):
    page = login(staff_user).get(reverse("evaluation:round", args=[decision.round_id])).content.decode()
    for fmt in ("xlsx", "csv", "ptnt"):
        link = (f"{URL}?province={decision.province_id}&amp;year={decision.year}&amp;decision="
                f"{decision.number.replace('Đ', '%C4%90')}&amp;format={fmt}")
        assert link in page
        response = login(staff_user).get(link.replace("&amp;", "&"))
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def _recognised(n):
    products = [ProductFactory(producer=ProducerFactory(), name=f"Chè {i}", group=tea_group("2026")) for i in range(n)]
    return recognise(*products, stars=3, signed_on=timezone.localdate() - datetime.timedelta(days=20))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ptnt"])
def test_a_download_reads_the_same_number_of_queries_whatever_its_size(login, staff_user, django_assert_max_num_queries,
                                                                       fmt):
    client = login(staff_user)
    small = _recognised(1)
    with CaptureQueriesContext(connection) as one:
        assert ask(client, small, fmt=fmt).status_code == 200
    large = _recognised(12)
    with django_assert_max_num_queries(len(one)), CaptureQueriesContext(connection) as many:
        response = ask(client, large, fmt=fmt)
    assert response.status_code == 200 and len(many) == len(one)
