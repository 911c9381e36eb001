import datetime
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from certificates.models import Certificate
from certificates.standing import annotate_recognised
from evaluation.demo import load_demo_rounds
from evaluation.models import Decision, Recognition, Score
from evaluation.models.decisions import DecisionKind
from exchange.importing.reading import ImportRefused
from exchange.importing.registry import COLUMNS, Match, commit_registry, plan_registry
from exchange.models import ImportBatch, ImportedRow
from geo.services import load_admin_units
from products.demo import load_demo_data
from products.models import Producer, Product
from tests.exchange.conftest import xlsx

DAY = datetime.date(2021, 6, 1)


def official_rows(certificates):
    """The official list's layout (what the exports write), one row per certificate."""
    rows = [COLUMNS]
    for i, c in enumerate(certificates, start=1):
        p = c.product.producer
        rows.append([i, c.product_name, c.producer_name, p.address, c.stars, c.decision_number,
                     c.decision_date.strftime("%d/%m/%Y"), c.expires_on.strftime("%d/%m/%Y"), p.registration_code,
                     p.get_legal_type_display(), p.representative, p.commune.code, p.commune.name, p.province.name,
                     c.product_group, c.product.group.scheme, c.issuing_body, c.signer_name, c.signer_title,
                     c.number, c.issued_on, c.in_force_from.strftime("%d/%m/%Y")])
    return rows


def snapshot(certificates):
    return sorted((c.product_name, c.producer_name, c.product.producer.registration_code, c.stars, c.decision_number,
                   c.decision_date, c.issued_on, c.in_force_from, c.expires_on, c.number, c.issuing_body,
                   c.signer_name, c.signer_title, c.product_group, c.product.producer.commune.code)
                  for c in certificates)


def demo_history():
    """Lai Châu 2020 as the official list, and what it holds; then the database is as empty as before."""
    with transaction.atomic():
        load_demo_data()
        load_demo_rounds()
        certificates = list(Certificate.objects.select_related("product__producer__commune", "product__group",
                                                               "product__producer__province").order_by("pk"))
        rows, expected = official_rows(certificates), snapshot(certificates)
        transaction.set_rollback(True)
    assert not Certificate.objects.exists()
    return rows, expected


@pytest.fixture
def history(db):
    rows, expected = demo_history()
    load_admin_units()
    return rows, expected


def test_past_recognitions_become_certificates_the_standing_counts(history, staff_user, tmp_path):
    rows, expected = history
    path = tmp_path / "danh-sach-2020.xlsx"
    path.write_bytes(xlsx(rows, title="Danh sách"))
    call_command("import_registry", str(path), "--user", staff_user.username)
    certificates = Certificate.objects.select_related("product__producer__commune", "product__group")
    assert snapshot(certificates) == expected  # field by field, nothing lost
    recognised = annotate_recognised(Product.objects.all(), DAY)
    assert recognised.count() == 47
    assert Counter(recognised.values_list("standing_stars", flat=True)) == Counter(e[3] for e in expected)
    # imported decisions: no round, no council scores invented
    assert set(Decision.objects.values_list("kind", flat=True)) == {DecisionKind.IMPORTED}
    assert not Decision.objects.filter(round__isnull=False).exists()
    assert not Score.objects.exists() and not Recognition.objects.filter(points__isnull=False).exists()
    # provenance: the product's history names the file and row
    product = Product.objects.get(name=rows[1][1], producer__registration_code=rows[1][8])
    assert product.history.first().history_change_reason == "Nhập từ tệp danh-sach-2020.xlsx, dòng 2"
    assert ImportedRow.objects.filter(row=2).count() >= 4  # producer, product, decision, recognition, certificate


def test_same_file_twice_changes_nothing(history, staff_user):
    rows, _expected = history
    data = xlsx(rows, title="Danh sách")
    commit_registry(plan_registry(data, "a.xlsx"), actor=staff_user)
    counts = [m.objects.count() for m in (Producer, Product, Decision, Recognition, Certificate, ImportedRow)]
    again = plan_registry(data, "a.xlsx")
    assert again.ok and again.already is not None
    commit_registry(again, actor=staff_user)
    # the same rows in another file: everything is matched, nothing is created
    other = plan_registry(xlsx(rows, title="Danh sách") + b"", "b.xlsx")
    other.already = None
    assert other.ok and all(r.already for r in other.rows) and {r.match for r in other.rows} == {Match.CODE}
    commit_registry(other, actor=staff_user)
    assert [m.objects.count() for m in (Producer, Product, Decision, Recognition, Certificate, ImportedRow)] == counts


def test_producer_matched_by_name_and_commune_when_the_code_is_missing(history, staff_user):
    rows, _expected = history
    data = xlsx(rows[:2], title="Danh sách")
    commit_registry(plan_registry(data, "a.xlsx"), actor=staff_user)
    renamed = [list(rows[0]), list(rows[2])]
    renamed[1][8] = ""  # no registration code
    renamed[1][2] = renamed[1][2].upper()  # written differently: matched on the normalised name
    if rows[2][8] != rows[1][8]:
        pytest.skip("the demo's second product belongs to another producer")
    plan = plan_registry(xlsx(renamed, title="Danh sách"), "b.xlsx")
    assert plan.ok, plan.problems
    assert plan.rows[0].match == Match.NAME


def test_bad_rows_listed_all_at_once_and_nothing_saved(history, staff_user):
    rows, _expected = history
    rows = [list(r) for r in rows[:6]]
    rows[1][11] = 99999999  # unknown commune
    rows[2][14] = "Nhóm không có"  # unknown product set
    rows[3][6] = "31/02/2020"  # not a date
    rows[4][4] = 7  # stars
    rows.append(list(rows[5]))  # duplicate of row 6
    plan = plan_registry(xlsx(rows, title="Danh sách"), "sai.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [
        (2, "Mã xã"), (3, "Nhóm sản phẩm"), (4, "Ngày quyết định"), (5, "Hạng sao"), (7, "Tên sản phẩm"),
        (7, "Số giấy chứng nhận")]
    assert "không có xã" in plan.problems[0].message
    with pytest.raises(ImportRefused):
        commit_registry(plan, actor=staff_user)
    assert not Producer.objects.exists() and not ImportBatch.objects.exists()


def test_wrong_template(history, tmp_path):
    rows, _expected = history
    bad = [[c for c in r] for r in rows[:3]]
    bad[0][5] = "Quyết định"
    path = tmp_path / "khac.xlsx"
    path.write_bytes(xlsx(bad, title="Danh sách"))
    with pytest.raises(CommandError, match="không đúng mẫu"):
        call_command("import_registry", str(path))
    assert not Producer.objects.exists()


def test_staff_limited_to_their_province(history, other_staff_user):
    rows, _expected = history
    plan = plan_registry(xlsx(rows[:3], title="Danh sách"), "a.xlsx", province=other_staff_user.province)
    assert {p.column for p in plan.problems} == {"Mã xã"}
