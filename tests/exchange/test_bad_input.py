"""Each kind of bad input gives a clear Vietnamese message and saves nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from openpyxl import Workbook

from evaluation.models import Score
from exchange.importing import reading
from exchange.importing.reading import ImportRefused
from exchange.importing.scores import commit_scores, plan_scores
from exchange.models import ImportBatch
from tests.exchange.conftest import round_one_rows, xlsx


def nothing_saved(round_):
    return not Score.objects.exists() and not round_.enrolments.exists() and not ImportBatch.objects.exists()


def test_wrong_template(empty_round_one):
    rows = round_one_rows()
    rows[0][4] = "Người chấm"  # not the template's column name
    with pytest.raises(ImportRefused, match="không đúng mẫu nhập.*Thành viên hội đồng") as refused:
        plan_scores(empty_round_one, xlsx(rows), "khac.xlsx")
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, "Thành viên hội đồng")]
    assert nothing_saved(empty_round_one)


@pytest.mark.parametrize("data", [b"%PDF-1.4 not a spreadsheet", b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04broken zip",
                                  b"just words without any columns", "Tên;x".encode("utf-16")])
def test_not_a_spreadsheet(empty_round_one, data):
    with pytest.raises(ImportRefused, match="không phải là bảng tính"):
        plan_scores(empty_round_one, data, "tep.xlsx")
    assert nothing_saved(empty_round_one)


def test_old_xls_is_named(empty_round_one):
    with pytest.raises(ImportRefused, match=r"\.xls"):
        plan_scores(empty_round_one, reading.OLE_MAGIC + b"\x00" * 100, "cu.xls")


def test_a_50_mb_file_is_refused_before_reading(empty_round_one, tmp_path, monkeypatch):
    path = tmp_path / "lon.xlsx"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse): refused on its size, never opened
    monkeypatch.setattr(reading, "load_workbook", lambda *a, **k: pytest.fail("the file was parsed"))
    with pytest.raises(CommandError, match="50,0 MB.*tối đa 10,0 MB"):
        call_command("import_scores", "--round", str(empty_round_one.pk), str(path))
    assert nothing_saved(empty_round_one)


@override_settings(OCOP_IMPORT_MAX_BYTES=1000)
def test_size_limit_is_a_setting(empty_round_one, staff_user, login):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415 — test helper
    from django.urls import reverse  # noqa: PLC0415 — test helper
    response = login(staff_user).post(reverse("exchange:scores_upload", args=[empty_round_one.pk]),
                                      {"file": SimpleUploadedFile("a.xlsx", xlsx(round_one_rows()))})
    assert response.status_code == 200 and "tối đa 0,0 MB" in response.text
    assert nothing_saved(empty_round_one)


def test_formulas_are_refused(empty_round_one):
    rows = round_one_rows()
    rows[5][6] = "=10+10"
    plan = plan_scores(empty_round_one, xlsx(rows), "congthuc.xlsx")
    assert [(p.row, p.column, p.value) for p in plan.problems] == [(6, "Phần B", "=10+10")]
    assert "công thức" in plan.problems[0].message
    with pytest.raises(ImportRefused):
        commit_scores(plan, actor=None)
    assert nothing_saved(empty_round_one)


def test_merged_cells_are_refused(empty_round_one):
    book = Workbook()
    sheet = book.active
    for row in round_one_rows():
        sheet.append(row)
    sheet.merge_cells("B3:B4")
    out = io.BytesIO()
    book.save(out)
    plan = plan_scores(empty_round_one, out.getvalue(), "gop.xlsx")
    assert any(p.row == 3 and p.value == "B3:B4" and "gộp" in p.message for p in plan.problems)
    assert nothing_saved(empty_round_one)


def test_commas_as_decimals_accepted_and_csv_with_semicolons_and_bom(empty_round_one, staff_user):
    rows = round_one_rows()
    lines = [";".join(str(v).replace(".", ",") if isinstance(v, float) else str(v) for v in row) for row in rows]
    data = ("\ufeff" + "\r\n".join(lines)).encode("utf-8")
    plan = plan_scores(empty_round_one, data, "diem.csv")
    assert plan.ok, plan.problems[:3]
    commit_scores(plan, actor=staff_user)
    assert empty_round_one.enrolments.count() == 23
    first = plan.rows[0]
    assert [str(v) for v in first.values.values()] == ["27.5", "20.0", "31.5"]


def test_duplicates_inside_the_file(empty_round_one):
    rows = round_one_rows()
    rows.append(list(rows[1]))
    plan = plan_scores(empty_round_one, xlsx(rows), "trung.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(len(rows), "Thành viên hội đồng")]
    assert "dòng 2" in plan.problems[0].message
    assert nothing_saved(empty_round_one)


def test_unknown_product(empty_round_one):
    rows = round_one_rows()
    rows[2][3] = "Sản phẩm không có"
    plan = plan_scores(empty_round_one, xlsx(rows), "a.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Tên sản phẩm")]


@pytest.mark.parametrize(("value", "day"), [
    ("30/09/2020", datetime.date(2020, 9, 30)), ("1/9/2020", datetime.date(2020, 9, 1)),
    ("2020-09-30", datetime.date(2020, 9, 30)), (44104, datetime.date(2020, 9, 30)),
    ("44104", datetime.date(2020, 9, 30)), (44104.0, datetime.date(2020, 9, 30)),
    (datetime.datetime(2020, 9, 30, tzinfo=datetime.UTC).replace(tzinfo=None), datetime.date(2020, 9, 30)),
])
def test_dates_as_text_or_excel_serials(value, day):
    assert reading.date(value) == day


@pytest.mark.parametrize("value", ["31/02/2020", "30-09", "abc", "12/31/2026", "1e5", 10**9, "01/01/1900"])
def test_bad_dates(value):
    with pytest.raises(reading.BadValue):
        reading.date(value)
