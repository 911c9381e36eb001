import datetime
import io
import json

import pytest
from openpyxl import Workbook

from evaluation import services
from evaluation.demo import ROUNDS_FILE
from evaluation.enums import RoundState
from evaluation.models import CriteriaSet
from geo.models import Province
from products.demo import load_demo_data
from products.models import Producer


def xlsx(rows, title="Điểm"):
    """An XLSX file (bytes) with one sheet of `rows` (the first is the header)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fixture_round(number=1):
    with open(ROUNDS_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    return next(r for r in data["rounds"] if r["number"] == number)


def round_one_rows():
    """Round 1 of the fixtures as a score sheet: header, then one row per product × member."""
    spec = fixture_round(1)
    names = {p.registration_code: p.name for p in Producer.objects.all()}
    rows = [["STT", "Mã số chủ thể", "Chủ thể", "Tên sản phẩm", "Thành viên hội đồng", "Phần A", "Phần B", "Phần C"]]
    for item in spec["products"]:
        for member, scores in zip(spec["council"], item["scores"]):
            rows.append([len(rows), item["producer"], names.get(item["producer"], ""), item["product"],
                         member["name"], *scores])
    return rows


@pytest.fixture
def demo_products(db):
    load_demo_data()


@pytest.fixture
def empty_round_one(demo_products, staff_user):
    """An empty copy of round 1 of Lai Châu 2020: its council, open for scoring, no product enrolled yet."""
    spec = fixture_round(1)
    staff_user.province = Province.objects.get(code=12)
    staff_user.save()
    round_ = services.create_round(province=staff_user.province, number=1, starts_on=datetime.date(2020, 9, 15),
                                   ends_on=datetime.date(2020, 9, 17), actor=staff_user,
                                   criteria_set=CriteriaSet.objects.get(code="1048"))
    for i, member in enumerate(spec["council"], start=1):
        services.add_member(round_, position=i, actor=staff_user, **member)
    services.set_round_state(round_, RoundState.SCORING, actor=staff_user)
    round_.refresh_from_db()
    return round_
