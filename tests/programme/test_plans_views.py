"""programme/views/plans.py: the programme's home, a plan's progress page and report, and the staff's forms; who
may see what (the plan's province; a producer 403; another province 404; anonymous to the login)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from programme.enums import Measure, PlanProductKind
from programme.models import Plan, PlanProduct, Target
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory

D = datetime.date


def make_plan(province, number="1/KH-UBND", **kwargs):
    plan = Plan.objects.create(province=province, number=number, signed_on=D(2020, 1, 2), title=f"Kế hoạch {number}",
                               starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31), **kwargs)
    Target.objects.create(plan=plan, label="Chuẩn hóa 5 sản phẩm", measure=Measure.RECOGNISED, goal=5,
                          unit="sản phẩm", min_stars=3)
    return plan


@pytest.fixture
def plan(lai_chau):
    return make_plan(lai_chau)


@pytest.fixture
def other_plan(dien_bien):
    return make_plan(dien_bien, number="2/KH-UBND")


@pytest.fixture
def commune_user(lai_chau):
    return UserFactory(username="canboxa", role=Role.COMMUNE, commune=CommuneFactory(province=lai_chau))


PAGES = ["programme:plan", "programme:plan_report"]


def test_staff_official_and_commune_staff_read_their_province_plans(login, plan, other_plan, staff_user,
                                                                     official_user, commune_user):
    for user in (staff_user, official_user, commune_user):
        client = login(user)
        home = client.get(reverse("programme:home"))
        assert home.status_code == 200
        assert [p.number for p in home.context["plans"]] == ["1/KH-UBND"]
        page = client.get(reverse("programme:plan", args=[plan.pk]))
        assert page.status_code == 200 and page.context["plan"] == plan
        assert client.get(reverse("programme:plan", args=[other_plan.pk])).status_code == 404


def test_administrator_reads_every_province(login, plan, other_plan, admin_user):
    home = login(admin_user).get(reverse("programme:home"))
    assert sorted(p.number for p in home.context["plans"]) == ["1/KH-UBND", "2/KH-UBND"]


@pytest.mark.parametrize("name", PAGES)
def test_another_province_staff_gets_404(login, plan, other_staff_user, name):
    assert login(other_staff_user).get(reverse(name, args=[plan.pk])).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_a_producer_gets_403(login, plan, producer_user, name):
    assert login(producer_user).get(reverse(name, args=[plan.pk])).status_code == 403
    assert login(producer_user).get(reverse("programme:home")).status_code == 403


@pytest.mark.parametrize("name", [*PAGES, "programme:plan_edit", "programme:plan_picks"])
def test_anonymous_is_sent_to_the_login(client, plan, name):
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["programme:plan_edit", "programme:plan_picks"])
def test_only_staff_write_plans(login, plan, official_user, commune_user, other_staff_user, name):
    assert login(official_user).get(reverse(name, args=[plan.pk])).status_code == 403
    assert login(commune_user).get(reverse(name, args=[plan.pk])).status_code == 403
    assert login(other_staff_user).get(reverse(name, args=[plan.pk])).status_code == 404
    assert login(official_user).get(reverse("programme:plan_new")).status_code == 403


def test_home_query_count_is_the_same_for_one_plan_and_several(login, lai_chau, staff_user,
                                                               django_assert_max_num_queries):
    client = login(staff_user)
    make_plan(lai_chau)
    with django_assert_max_num_queries(12):
        assert len(client.get(reverse("programme:home")).context["plans"]) == 1
    for i in range(2, 6):
        make_plan(lai_chau, number=f"{i}/KH-UBND")
    with django_assert_max_num_queries(12):
        assert len(client.get(reverse("programme:home")).context["plans"]) == 5


def test_progress_page_query_count_is_the_same_for_few_and_more_products(login, plan, lai_chau, staff_user,
                                                                         django_assert_max_num_queries):
    client = login(staff_user)
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau))
    for size in (1, 6):
        for i in range(size):
            product = ProductFactory(producer=producer, name=f"SP {size}-{i}")
            PlanProduct.objects.create(plan=plan, product=product, kind=PlanProductKind.ADVANTAGED)
        with django_assert_max_num_queries(30):
            assert client.get(reverse("programme:plan", args=[plan.pk])).status_code == 200


def target_data(rows, prefix="targets", initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "40"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def test_staff_create_a_plan_with_its_targets_and_the_history_records_it(login, lai_chau, staff_user):
    client = login(staff_user)
    data = {"number": "56/KH-UBND", "signed_on": "15/03/2021", "title": "Kế hoạch OCOP 2021",
            "signer": "", "starts_on": "01/01/2021", "ends_on": "31/12/2021",
            **target_data([{"position": "1", "label": "Chuẩn hóa 30 sản phẩm", "measure": "recognised",
                            "goal": "30", "unit": "sản phẩm", "breakdown": "province", "min_stars": "3"},
                           {"position": "0", "label": "", "measure": "", "goal": "", "unit": "", "breakdown":
                            "province", "min_stars": ""}])}
    response = client.post(reverse("programme:plan_new"), data)
    plan = Plan.objects.get(number="56/KH-UBND")
    assert response.status_code == 302 and response["Location"] == reverse("programme:plan", args=[plan.pk])
    assert plan.province == lai_chau and plan.signed_on == D(2021, 3, 15)
    assert list(plan.targets.values_list("label", "goal", "min_stars")) == [("Chuẩn hóa 30 sản phẩm", 30, 3)]
    assert plan.history.get().history_user == staff_user
    assert plan.targets.get().history.get().history_type == "+"
    again = client.post(reverse("programme:plan_new"), data)
    assert again.status_code == 400 and "đã có kế hoạch số này" in again.content.decode()


def test_staff_pick_products_of_their_province_only(login, plan, lai_chau, dien_bien, staff_user):
    own = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)), name="Chè")
    foreign = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)), name="Gạo")
    client = login(staff_user)
    url = reverse("programme:plan_picks", args=[plan.pk])
    refused = client.post(url, {"advantaged": [foreign.pk]})
    assert refused.status_code == 200 and not PlanProduct.objects.exists()
    assert client.post(url, {"advantaged": [own.pk], "priority": [own.pk]}).status_code == 302
    assert set(PlanProduct.objects.values_list("product__name", "kind")) == {("Chè", "advantaged"),
                                                                             ("Chè", "priority")}
    assert client.post(url, {"priority": [own.pk]}).status_code == 302
    assert list(PlanProduct.objects.values_list("kind", flat=True)) == ["priority"]
    assert PlanProduct.history.filter(history_type="-").count() == 1


@pytest.fixture
def demo_plan(db):
    with time_machine.travel(D(2026, 11, 24), tick=False):
        call_command("load_demo", "--no-logins", stdout=io.StringIO())
        yield Plan.objects.get(province__short_name="Lai Châu")


def test_demo_progress_page_shows_47_of_51_the_split_and_each_district(login, demo_plan):
    staff = UserFactory(role=Role.STAFF, province=demo_plan.province)
    with time_machine.travel(D(2026, 11, 24), tick=False):
        response = login(staff).get(reverse("programme:plan", args=[demo_plan.pk]))
    html = response.content.decode()
    progress = response.context["progress"]
    first = progress.targets[0]
    assert (first.goal, first.achieved, first.percent) == (51, 47, 92)
    assert progress.stars == {3: 38, 4: 9}
    assert dict((name, total) for name, _values, total in response.context["unit_rows"])["Huyện Tam Đường"] == 15
    assert 'id="chart-targets"' in html and 'id="chart-units"' in html and "<script" not in html.split("<main")[-1]
    assert "Triển khai ít nhất 4 bản du lịch" in html


def test_demo_report_is_one_or_two_a4_pages_in_vietnamese(login, demo_plan):
    staff = UserFactory(role=Role.STAFF, province=demo_plan.province)
    with time_machine.travel(D(2026, 11, 24), tick=False):
        response = login(staff).get(reverse("programme:plan_report", args=[demo_plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH OCOP", "Tổng số 47 sản phẩm", "38 sản phẩm 3 sao",
                  "9 sản phẩm 4 sao", "Huyện Tam Đường", "Triển khai ít nhất 4 bản du lịch", "92%", "Chưa đạt"):
        assert words in text, words


def test_a_pick_that_is_no_id_is_refused_not_a_crash(login, plan, staff_user):
    response = login(staff_user).post(reverse("programme:plan_picks", args=[plan.pk]),
                                      {"advantaged": ["99999999999999999999"], "priority": ["²"]})
    assert response.status_code == 200 and not PlanProduct.objects.exists()
    assert set(response.context["form"].errors) == {"advantaged", "priority"}


def test_a_25_digit_pick_is_refused_by_the_shared_records_field(login, plan, staff_user):
    from ocop.forms import RecordsField  # noqa: PLC0415 — the field this test is about
    from programme.forms.plans import PicksForm  # noqa: PLC0415 — the form this test is about

    assert {type(PicksForm.base_fields[name]) for name in ("advantaged", "priority")} == {RecordsField}
    response = login(staff_user).post(reverse("programme:plan_picks", args=[plan.pk]),
                                      {"advantaged": ["9" * 25], "priority": ["1" * 25]})
    assert response.status_code == 200 and not PlanProduct.objects.exists()
    assert set(response.context["form"].errors) == {"advantaged", "priority"}


def test_the_home_links_to_the_other_programme_pages_by_their_url_names(login, plan, staff_user):
    from programme.views.plans import PROGRAMME_PAGES  # noqa: PLC0415 — the table this test is about

    links = [path for path, _label in login(staff_user).get(reverse("programme:home")).context["pages"]]
    assert links == [reverse(name) for name, _label in PROGRAMME_PAGES] == [
        "/programme/ideas/", "/programme/points-of-sale/", "/programme/training/", "/programme/events/"]


def test_the_report_renders_through_the_certificates_public_function_only():
    import ast  # noqa: PLC0415 — only this test reads source
    from pathlib import Path  # noqa: PLC0415 — only this test reads source

    from programme import report  # noqa: PLC0415 — the module this test is about

    tree = ast.parse(Path(report.__file__).read_text())
    imported = {(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    assert ("certificates.rendering", "render_pdf") in imported
    assert not [name for module, name in imported if name.startswith("_")]


def plan_data(ends_on, *targets):
    rows = [{"position": str(i), "label": f"Mục tiêu {i}", "measure": measure, "goal": "1", "unit": "x",
             "breakdown": breakdown, "min_stars": stars} for i, (measure, breakdown, stars) in enumerate(targets)]
    return {"number": "56/KH-UBND", "signed_on": "15/03/2021", "title": "Kế hoạch OCOP", "signer": "",
            "starts_on": "01/01/2021", "ends_on": ends_on, **target_data(rows)}


BY_COMMUNE = "Kế hoạch kết thúc từ ngày 01/07/2025 được đo theo xã"
BY_DISTRICT = "Kế hoạch kết thúc trước ngày 01/07/2025 được đo theo huyện"
PROVINCE_ONLY = "Chỉ tiêu này chỉ được đo cho cả tỉnh"
NO_DISTRICT = "được ghi theo xã, không theo huyện"
NO_STARS = "Số sao chỉ áp dụng cho sản phẩm được công nhận"


@pytest.mark.parametrize(("ends_on", "target", "field", "message"), [
    ("31/12/2026", ("recognised", "district", "3"), "breakdown", BY_COMMUNE),
    ("31/12/2021", ("producers", "commune", ""), "breakdown", BY_DISTRICT),
    ("31/12/2021", ("events", "district", ""), "breakdown", PROVINCE_ONLY),
    ("31/12/2026", ("staff_trained", "commune", ""), "breakdown", PROVINCE_ONLY),
    ("31/12/2021", ("ideas", "district", ""), "breakdown", NO_DISTRICT),
    ("31/12/2021", ("points_of_sale", "district", ""), "breakdown", NO_DISTRICT),
    ("31/12/2021", ("people_trained", "district", ""), "breakdown", NO_DISTRICT),
    ("31/12/2021", ("ideas", "commune", ""), "breakdown", NO_DISTRICT),
    ("31/12/2026", ("points_of_sale", "district", ""), "breakdown", BY_COMMUNE),
    ("31/12/2021", ("producers", "province", "3"), "min_stars", NO_STARS),
    ("31/12/2026", ("events", "province", "4"), "min_stars", NO_STARS),
])
def test_a_target_that_cannot_be_measured_as_labelled_is_refused(login, lai_chau, staff_user, ends_on, target,
                                                                  field, message):
    response = login(staff_user).post(reverse("programme:plan_new"), plan_data(ends_on, target))
    assert response.status_code == 400 and not Plan.objects.exists()
    errors = response.context["formset"].forms[0].errors
    assert list(errors) == [field] and message in errors[field][0]
    assert message in response.content.decode()


def test_targets_measurable_as_labelled_are_accepted(login, lai_chau, staff_user):
    client = login(staff_user)
    response = client.post(reverse("programme:plan_new"), plan_data(
        "31/12/2021", ("recognised", "district", "3"), ("priority", "province", "4"), ("ideas", "province", ""),
        ("producers_trained", "district", ""), ("events", "province", "")))
    assert response.status_code == 302
    assert list(Plan.objects.get().targets.values_list("measure", "breakdown", "min_stars")) == [
        ("recognised", "district", 3), ("priority", "province", 4), ("ideas", "province", None),
        ("producers_trained", "district", None), ("events", "province", None)]
    later = plan_data("31/12/2026", ("ideas", "commune", ""), ("points_of_sale", "commune", ""),
                      ("people_trained", "commune", ""), ("tourism_villages", "commune", "3"))
    assert client.post(reverse("programme:plan_new"), {**later, "number": "57/KH-UBND"}).status_code == 302


def test_moving_a_plan_past_the_reform_refuses_its_targets_by_district(login, plan, staff_user):
    target = plan.targets.get()
    target.breakdown = "district"
    target.save()
    data = {"number": plan.number, "signed_on": "02/01/2020", "title": plan.title, "signer": "",
            "starts_on": "01/01/2020", "ends_on": "31/12/2025",
            **target_data([{"id": str(target.pk), "position": "0", "label": target.label, "measure": "recognised",
                            "goal": "5", "unit": "sản phẩm", "breakdown": "district", "min_stars": "3"}],
                          initial=1)}
    response = login(staff_user).post(reverse("programme:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 400 and BY_COMMUNE in response.content.decode()
    plan.refresh_from_db()
    assert plan.ends_on == D(2020, 12, 31)


def test_a_share_of_no_producer_shows_a_dash_not_zero(login, plan, staff_user):
    Target.objects.create(plan=plan, position=1, label="Lãnh đạo được tập huấn", measure=Measure.PRODUCERS_TRAINED,
                          goal=100, unit="%")
    response = login(staff_user).get(reverse("programme:plan", args=[plan.pk]))
    trained = response.context["progress"].targets[1]
    assert (trained.achieved, trained.percent, trained.met) == (None, None, False)
    row = response.content.decode().split("Lãnh đạo được tập huấn")[1].split("</tr>")[0]
    assert row.count("—") == 2 and "None" not in row
