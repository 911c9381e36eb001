import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from evaluation.models import Enrolment
from products.demo import read_demo_file


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-logins")


def test_ocop_report_json_reproduces_lai_chau_2020_through_the_real_computation(demo, capsys):
    call_command("ocop_report", "--province", "Lai Châu", "--year", "2020", "--json")
    rounds = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["products"], r["stars"]) for r in rounds] == [
        (1, 23, {"3": 14, "4": 9}), (2, 24, {"3": 24})]
    assert sum(r["products"] for r in rounds) == 47
    assert len({res["producer"] for r in rounds for res in r["results"]}) == 23
    assert all(len(res["member_totals"]) == 7 for r in rounds for res in r["results"])


def test_demo_stars_are_computed_not_typed(demo):
    expected = {(p["name"]): p["stars"] for producer in read_demo_file()["producers"] for p in producer["products"]}
    of_2020 = Enrolment.objects.filter(round__year=2020).select_related("product")
    assert {e.product.name: e.stars for e in of_2020} == expected
    assert Counter(e.needs_rescoring for e in of_2020) == {False: 47}


def test_ocop_report_text_in_vietnamese(demo, capsys):
    call_command("ocop_report", "--province", "lai chau", "--year", "2020")
    out = capsys.readouterr().out
    assert "Đợt 1 năm 2020" in out and "14 sản phẩm 3 sao, 9 sản phẩm 4 sao" in out
    assert "Đợt 2 năm 2020" in out and "24 sản phẩm 3 sao" in out
    assert "Quyết định 1168/QĐ-UBND ngày 30/09/2020" in out


def test_load_demo_twice_keeps_two_rounds(demo):
    call_command("load_demo", "--no-logins")
    assert Enrolment.objects.filter(round__year=2020).count() == 47
    assert Enrolment.objects.filter(round__year=2026).count() == 12  # the labelled sample re-evaluation


def test_ocop_report_unknown_province(db):
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh"):
        call_command("ocop_report", "--province", "Atlantis", "--year", "2020")
