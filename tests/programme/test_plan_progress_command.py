"""manage.py plan_progress: one JSON object per target, exactly {"target", "unit", "goal", "achieved"}."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

from programme.enums import Measure
from programme.models import Plan, Target

D = datetime.date


@pytest.fixture
def demo(db):
    with time_machine.travel(D(2026, 11, 24), tick=False):
        call_command("load_demo", "--no-logins", stdout=io.StringIO())
        yield


def run(*args):
    out = io.StringIO()
    with time_machine.travel(D(2026, 11, 24), tick=False):
        call_command("plan_progress", *args, stdout=out)
    return out.getvalue()


def test_json_of_the_lai_chau_plan(demo):
    rows = json.loads(run("--province", "Lai Châu", "--json"))
    assert all(set(row) == {"target", "unit", "goal", "achieved"} for row in rows)
    assert [(r["unit"], r["goal"], r["achieved"]) for r in rows] == [
        ("sản phẩm", 51, 47), ("bản", 4, 2), ("sản phẩm", 2, 2), ("tổ chức", 1, 1), ("sản phẩm", 2, 2),
        ("%", 100, rows[5]["achieved"]), ("%", 100, rows[6]["achieved"])]
    assert rows[0]["target"] == "Đến năm 2020 hoàn thiện, nâng cấp, chuẩn hóa 51 sản phẩm của các địa phương"
    assert json.loads(run("--province", "lai chau", "--plan", "01-MAU/KH-UBND", "--json")) == rows


def test_without_plan_the_latest_plan_and_a_readable_table(demo):
    plan = Plan.objects.create(province=Plan.objects.get().province, number="9/KH-UBND", signed_on=D(2021, 3, 1),
                               title="Kế hoạch 2021", starts_on=D(2021, 1, 1), ends_on=D(2021, 12, 31))
    Target.objects.create(plan=plan, label="Thêm 10 sản phẩm mới", measure=Measure.NEW_PRODUCTS, goal=10,
                          unit="sản phẩm")
    assert json.loads(run("--province", "Lai Châu", "--json")) == [
        {"target": "Thêm 10 sản phẩm mới", "unit": "sản phẩm", "goal": 10, "achieved": 0}]
    text = run("--province", "Lai Châu", "--plan", "01-MAU/KH-UBND")
    assert "Sản phẩm OCOP được công nhận: 47 (38 sản phẩm 3 sao, 9 sản phẩm 4 sao)" in text
    assert "mục tiêu 51 sản phẩm; đạt 47 (92%)" in text
    assert "8/8 đơn vị đạt" in text


def test_unknown_province_or_plan_is_a_clear_error(demo):
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh “Atlantis”"):
        run("--province", "Atlantis", "--json")
    with pytest.raises(CommandError, match="Lai Châu không có kế hoạch số “99/KH”"):
        run("--province", "Lai Châu", "--plan", "99/KH", "--json")


def test_a_province_without_plan_is_a_clear_error(dien_bien):
    with pytest.raises(CommandError, match="Điện Biên chưa có kế hoạch OCOP nào"):
        run("--province", "Dien Bien")
