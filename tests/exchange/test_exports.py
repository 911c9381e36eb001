"""exchange/exports: the official list of recognised products (XLSX, CSV) and the ministry's PTNT_OCOP table."""

import csv
import datetime
import io
from collections import Counter

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from certificates.models import Certificate
from certificates.services import revoke_certificate
from evaluation import services as evaluation
from exchange.exports.recognised import recognised_list
from exchange.exports.writers import LIST_HEADER, PTNT_HEADER, write
from products.enums import LegalType
from tests.factories import ProducerFactory, ProductFactory, part_values, recognise, tea_group

DEMO_DAY = datetime.date(2026, 11, 24)


@pytest.fixture
def demo(db):
    with time_machine.travel(DEMO_DAY, tick=False):
        call_command("load_demo", "--no-logins")
        yield


def export(tmp_path, fmt, *args):
    out = tmp_path / ("list.xlsx" if fmt == "ptnt" else f"list.{fmt}")
    call_command("export_recognised", "--province", "lai chau", "--format", fmt, "--output", str(out), *args)
    return out


def read_xlsx(path):
    workbook = openpyxl.load_workbook(path)
    return workbook, [list(r) for r in workbook.active.iter_rows(values_only=True)]


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def expected_row(stt, c):
    """A row of the list as it must read, field by field, from the certificate (and its producer)."""
    producer = c.product.producer
    with translation.override("vi"):
        legal_type = str(LegalType(producer.legal_type).label)
    return [stt, c.product_name, c.producer_name, c.producer_address, c.stars, c.decision_number, c.decision_date,
            c.expires_on, producer.registration_code, legal_type, producer.representative,
            f"{producer.commune.code:05d}", producer.commune.name, c.province_name, c.product_group,
            c.decision.round.criteria_set.classification, c.issuing_body, c.signer_name, c.signer_title, c.number,
            c.issued_on, c.in_force_from]


def as_text(value):
    return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else str(value)


def test_lai_chau_round_1_lists_its_23_products_in_the_decisions_order_field_by_field(demo, tmp_path):
    with time_machine.travel(DEMO_DAY, tick=False):
        xlsx = export(tmp_path, "xlsx", "--year", "2020", "--decision", "1168/QĐ-UBND")
        csv_file = export(tmp_path, "csv", "--year", "2020", "--decision", "1168/qd-ubnd")  # typed loosely
    certificates = list(Certificate.objects.filter(decision_number="1168/QĐ-UBND").select_related(
        "product__producer__commune", "decision__round__criteria_set").order_by("position"))
    workbook, rows = read_xlsx(xlsx)
    assert rows[0] == LIST_HEADER
    body = rows[1:]
    assert len(body) == 23
    assert Counter(r[4] for r in body) == {3: 14, 4: 9}
    assert [r[0] for r in body] == list(range(1, 24))
    for row, c in zip(body, certificates, strict=True):
        assert [v.date() if isinstance(v, datetime.datetime) else v for v in row] == expected_row(row[0], c)
    text_rows = read_csv(csv_file)
    assert text_rows[0] == LIST_HEADER
    for row, c in zip(text_rows[1:], certificates, strict=True):
        assert row == [as_text(v) for v in expected_row(int(row[0]), c)]
    assert len(text_rows) == 24


def test_xlsx_has_its_header_in_row_1_frozen_real_dates_and_the_decision_in_its_properties(demo, tmp_path):
    with time_machine.travel(DEMO_DAY, tick=False):
        workbook, rows = read_xlsx(export(tmp_path, "xlsx", "--year", "2020", "--decision", "1168/QĐ-UBND"))
    sheet = workbook.active
    assert sheet.title == "QĐ 1168-QĐ-UBND"
    assert sheet.freeze_panes == "A2"
    assert sheet["G2"].value.date() == datetime.date(2020, 9, 30) and sheet["G2"].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["B"].width == 40
    assert "1168/QĐ-UBND" in workbook.properties.title and "30/09/2020" in workbook.properties.title
    assert workbook.properties.language == "vi-VN"


def test_a_whole_year_lists_both_decisions_one_numbering(demo, tmp_path):
    with time_machine.travel(DEMO_DAY, tick=False):
        rows = read_csv(export(tmp_path, "csv", "--year", "2020"))[1:]
    assert len(rows) == 47
    assert [r[0] for r in rows] == [str(i) for i in range(1, 48)]
    assert [r[5] for r in rows] == ["1168/QĐ-UBND"] * 23 + ["1652/QĐ-UBND"] * 24


def test_ptnt_table_maps_each_certificate_with_its_standing_today(demo, tmp_path):
    with time_machine.travel(DEMO_DAY, tick=False):
        workbook, rows = read_xlsx(export(tmp_path, "ptnt", "--year", "2026"))
    assert workbook.active.title == "PTNT_OCOP"
    assert rows[0] == PTNT_HEADER
    certificates = list(Certificate.objects.filter(year=2026).select_related("product__producer__commune"))
    assert len(rows) == 1 + len(certificates) == 13
    for row, c in zip(rows[1:], certificates, strict=True):
        assert row[:7] == [c.number, f"{c.product.producer.commune.code:05d}", 2026, str(c.product_id),
                           c.product_name, f"{c.stars}*", c.producer_name]
        assert row[7] is None  # no revenue held
        assert row[8] == ("Thu hồi" if c.state == "revoked" else "Còn hiệu lực")
    assert Counter(r[8] for r in rows[1:]) == {"Còn hiệu lực": 11, "Thu hồi": 1}
    with time_machine.travel(DEMO_DAY, tick=False):
        _workbook, old = read_xlsx(export(tmp_path, "ptnt", "--year", "2020"))
    assert {r[8] for r in old[1:]} == {"Hết hiệu lực"}  # expired in 2023 (12 renewed in 2026 by new certificates)


def test_unknown_decision_or_province_is_a_clear_vietnamese_error(demo, tmp_path):
    with pytest.raises(CommandError, match="Không có quyết định số “99/QĐ-UBND”.*tỉnh Lai Châu năm 2020"):
        export(tmp_path, "csv", "--year", "2020", "--decision", "99/QĐ-UBND")
    with pytest.raises(CommandError, match="Không có sản phẩm OCOP nào của tỉnh Lai Châu được công nhận năm 1999"):
        export(tmp_path, "csv", "--year", "1999")
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh “Atlantis”"):
        call_command("export_recognised", "--province", "Atlantis", "--year", "2020", "--format", "csv",
                     "--output", str(tmp_path / "x.csv"))
    assert not (tmp_path / "list.csv").exists()


def _province_with(n):
    """A province's decision recognising n products, from n producers."""
    products = [ProductFactory(producer=ProducerFactory(), name=f"Chè {i}", group=tea_group("1048"))
                for i in range(n)]
    recognise(*products, stars=3, signed_on=datetime.date(2020, 9, 30))
    return products[0].producer.province


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ptnt"])
def test_an_export_reads_the_same_number_of_queries_whatever_its_size(db, fmt):
    province = _province_with(1)
    with CaptureQueriesContext(connection) as small:
        write(recognised_list(province, 2020, private=True), fmt)
    _province_with(8)
    with CaptureQueriesContext(connection) as large:
        export_ = recognised_list(province, 2020, private=True)
        write(export_, fmt)
    assert len(export_.rows) == 9
    assert len(large) == len(small) <= 3


def test_a_revoked_certificate_reads_thu_hoi_and_a_renewed_one_het_hieu_luc(db):
    today = timezone.localdate()
    first, second = (ProductFactory(name=n, group=tea_group("2026")) for n in ("Chè A", "Chè B"))
    recognise(first, second, stars=3, signed_on=today - datetime.timedelta(days=60))
    revoke_certificate(first.certificates.get(), reason="Vi phạm cam kết chất lượng.", actor=None)
    recognise(second, stars=4, signed_on=today - datetime.timedelta(days=10))
    rows = recognised_list(first.producer.province, today.year).rows
    assert [(r.product_name, r.stars, r.status) for r in rows] == [
        ("Chè A", 3, "Thu hồi"), ("Chè B", 3, "Hết hiệu lực"), ("Chè B", 4, "Còn hiệu lực")]
    assert {r.registration_code for r in rows} == {""}  # not asked for the private columns


def test_a_correction_lists_the_corrected_certificate_and_a_withdrawal_lists_none(decided_round, official_user):
    """decided_round: 1168/QĐ-UBND of 30/09/2020, a 4★ and a 3★ product."""
    first, second = decided_round.enrolments.order_by("position")
    with time_machine.travel(datetime.date(2021, 3, 1), tick=False):
        evaluation.correct_scores(second, part_values(second, [(30, 20, 30)] * 3), reason="Nhập nhầm",
                                  actor=official_user)
    with time_machine.travel(datetime.date(2021, 4, 1), tick=False):
        rows = recognised_list(decided_round.province, 2020, "1168/QĐ-UBND").rows
        assert [(r.position, r.product_name, r.stars, r.status) for r in rows] == [
            (1, first.product.name, 4, "Còn hiệu lực"), (2, second.product.name, 4, "Còn hiệu lực")]
        assert rows[1].in_force_from == datetime.date(2021, 3, 1)  # the corrected certificate, in its place
        evaluation.correct_scores(first, part_values(first, [(10, 10, 10)] * 3), reason="Phúc tra",
                                  actor=official_user)
        rows = recognised_list(decided_round.province, 2020, "1168/QĐ-UBND").rows
    assert [(r.position, r.product_name) for r in rows] == [(1, second.product.name)]
