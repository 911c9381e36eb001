"""programme/rules.py and the review's fixes around it: every write by the record's province's staff (or an
administrator), points of sale not opened yet kept off the public pages, the commune staff's links, badge and
dashboard, and a refused resubmission of an idea."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from portal.queues import work_count
from products.models import Product
from programme import rules
from programme.enums import IdeaStatus, PlanProductKind
from programme.models import Plan, PlanProduct, PointOfSale, ProductIdea
from programme.services import ideas as idea_services
from programme.services.ideas import IdeaError
from programme.services.outlets import OutletError, close_point, record_check, save_point
from programme.services.plans import PlanError, save_plan, set_plan_picks
from tests.factories import CommuneFactory, UserFactory
from tests.programme import test_ideas
from tests.programme.test_ideas import group_in_force, idea_url
from tests.programme.test_plans_views import make_plan

# the fixtures of the ideas' pages
commune_a, commune_b, commune_user, other_commune_user, make_idea, idea_a = (
    test_ideas.commune_a, test_ideas.commune_b, test_ideas.commune_user, test_ideas.other_commune_user,
    test_ideas.make_idea, test_ideas.idea_a)

TODAY = timezone.localdate()


# --- the rules ---------------------------------------------------------------------------------------------------

def test_writers_are_the_provinces_staff_and_administrators_and_readers_are_active(staff_user, official_user,
                                                                                   admin_user, commune_user,
                                                                                   producer_user, lai_chau,
                                                                                   dien_bien):
    assert [rules.is_writer(u) for u in (staff_user, admin_user, official_user, commune_user, producer_user)] == [
        True, True, False, False, False]
    assert rules.writes_province(staff_user, lai_chau.pk) and not rules.writes_province(staff_user, dien_bien.pk)
    assert rules.writes_province(admin_user, dien_bien.pk)
    assert rules.reads(commune_user, rules.PLAN_READERS) and not rules.reads(commune_user, rules.TRAINING_READERS)
    assert not rules.reads(producer_user, rules.PLAN_READERS) and rules.reads(producer_user, rules.IDEA_READERS)
    staff_user.is_active = False
    assert not rules.is_writer(staff_user) and not rules.reads(staff_user, rules.PLAN_READERS)


# --- finding 2: the province of every write ------------------------------------------------------------------

IDEA_REFUSAL = "Chỉ cán bộ của tỉnh có ý tưởng mới được quyết định về ý tưởng này."


def test_another_provinces_staff_neither_review_nor_register_an_idea(idea_a, staff_user, other_staff_user,
                                                                     producer, admin_user):
    assert idea_services.is_reviewer(other_staff_user) and not idea_services.is_reviewer(other_staff_user, idea_a)
    with pytest.raises(IdeaError) as refused:
        idea_services.review_idea(idea_a, IdeaStatus.SELECTED, actor=other_staff_user)
    assert refused.value.message == IDEA_REFUSAL
    assert ProductIdea.objects.get(pk=idea_a.pk).status == IdeaStatus.SUBMITTED
    idea_services.review_idea(idea_a, IdeaStatus.SELECTED, actor=staff_user)
    named = test_ideas.ProductIdea(commune=idea_a.commune, producer_name="Hộ Lò Văn Mẫu", product_name="Trà đen",
                                   group=group_in_force())
    named = idea_services.propose_idea(named, actor=UserFactory(role=Role.COMMUNE, commune=idea_a.commune))
    idea_services.review_idea(named, IdeaStatus.SELECTED, actor=admin_user)  # administrators decide anywhere
    with pytest.raises(IdeaError) as refused:
        idea_services.link_idea_producer(named, producer, actor=other_staff_user)
    assert refused.value.message == IDEA_REFUSAL
    with pytest.raises(IdeaError) as refused:
        idea_services.register_idea_product(idea_a, Product(name="Chè", group=idea_a.group), actor=other_staff_user)
    assert refused.value.message == IDEA_REFUSAL
    assert ProductIdea.objects.get(pk=named.pk).producer_id is None
    assert ProductIdea.objects.get(pk=idea_a.pk).status == IdeaStatus.SELECTED and not Product.objects.filter(
        name="Chè").exists()


def test_another_provinces_staff_change_no_plan_nor_its_picks(lai_chau, dien_bien, staff_user, other_staff_user,
                                                              official_user, admin_user, product):
    plan = make_plan(lai_chau)
    plan.title = "Đổi tên"
    with pytest.raises(PlanError) as refused:
        save_plan(plan, actor=other_staff_user)
    assert refused.value.message == "Chỉ cán bộ của tỉnh có kế hoạch mới được thay đổi kế hoạch này."
    with pytest.raises(PlanError):
        save_plan(plan, actor=official_user)
    with pytest.raises(PlanError):
        set_plan_picks(plan, PlanProductKind.ADVANTAGED, [product], actor=other_staff_user)
    far = make_plan(dien_bien, number="2/KH-UBND")
    far.province = lai_chau  # taking another province's plan into one's own is a change to that plan
    with pytest.raises(PlanError):
        save_plan(far, actor=staff_user)
    assert Plan.objects.get(pk=plan.pk).title == "Kế hoạch 1/KH-UBND" and not PlanProduct.objects.exists()
    assert Plan.objects.get(pk=far.pk).province == dien_bien
    save_plan(plan, actor=staff_user)
    assert set_plan_picks(plan, PlanProductKind.ADVANTAGED, [product], actor=admin_user) == (1, 0)
    assert Plan.objects.get(pk=plan.pk).title == "Đổi tên"


def test_another_provinces_staff_change_no_point_of_sale(lai_chau, dien_bien, staff_user, other_staff_user):
    far = save_point(PointOfSale(commune=CommuneFactory(province=dien_bien), name="Điểm bán Điện Biên",
                                 address="Số 1", operator="HTX"), products=[], actor=other_staff_user)
    far.name, far.commune = "Đổi tên", CommuneFactory(province=lai_chau)  # taken into one's own province
    with pytest.raises(OutletError) as refused:
        save_point(far, products=[], actor=staff_user)
    assert refused.value.message == "Chỉ cán bộ của tỉnh có điểm bán mới được thay đổi điểm bán này."
    for refuse in (lambda: record_check(far, checked_on=TODAY, met=set(), actor=staff_user),
                   lambda: close_point(far, closed_on=TODAY, actor=staff_user)):
        with pytest.raises(OutletError):
            refuse()
    far = PointOfSale.objects.get(pk=far.pk)
    assert (far.name, far.province, far.closed_on, far.checks.count()) == ("Điểm bán Điện Biên", dien_bien, None, 0)


# --- finding 3: points of sale not opened yet ------------------------------------------------------------------

def test_a_point_not_opened_yet_is_off_the_public_pages_and_shown_to_its_staff(client, login, lai_chau, staff_user,
                                                                              product):
    soon = save_point(PointOfSale(commune=CommuneFactory(province=lai_chau), name="Điểm bán sắp mở",
                                  address="Số 2", operator="Hợp tác xã", opened_on=TODAY + datetime.timedelta(days=3)),
                      products=[product], actor=staff_user)
    opened = save_point(PointOfSale(commune=soon.commune, name="Điểm bán đã mở", address="Số 3", operator="HTX",
                                    opened_on=TODAY), products=[], actor=staff_user)
    listed = client.get(reverse("programme:points_of_sale"))
    assert [p.name for p in listed.context["points"]] == ["Điểm bán đã mở"]
    assert client.get(reverse("programme:point_of_sale", args=[soon.pk])).status_code == 404
    assert client.get(reverse("programme:point_of_sale", args=[opened.pk])).status_code == 200
    staff = login(staff_user)
    assert staff.get(reverse("programme:point_of_sale", args=[soon.pk])).context["point"] == soon


# --- findings 8 and 11: the commune's staff ------------------------------------------------------------------

def test_commune_staff_see_the_registered_product_without_a_link(login, idea_a, staff_user, commune_user,
                                                                 commune_a):
    idea_services.review_idea(idea_a, IdeaStatus.SELECTED, actor=staff_user)
    product = idea_services.register_idea_product(idea_a, Product(name="Chè Shan tuyết túi lọc",
                                                                  group=idea_a.group), actor=staff_user)
    link = f'href="{reverse("products:product", args=[product.pk])}"'
    for user, opens in ((commune_user, False), (staff_user, True)):
        client = login(user)
        for url in (reverse("programme:ideas"), idea_url("idea", idea_a),
                    reverse("programme:commune_ideas", args=[commune_a.pk])):
            response = client.get(url)
            assert response.context["may_open_records"] is opens
            body = response.content.decode()
            assert "Chè Shan tuyết túi lọc" in body and (link in body) is opens


def test_commune_staff_count_their_returned_ideas_in_the_badge_and_the_dashboard(login, make_idea, staff_user,
                                                                                 commune_user, other_commune_user):
    first, _second = make_idea("Trà xanh"), make_idea("Trà đen")
    assert work_count(commune_user) == 0
    idea_services.review_idea(first, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung")
    assert (work_count(commune_user), work_count(other_commune_user)) == (1, 0)
    body = login(commune_user).get(reverse("portal:dashboard")).content.decode()
    assert "<h2>Ý tưởng của xã</h2>" in body and "1 ý tưởng bị trả lại cần bổ sung" in body
    assert '<span class="badge nav-count"' in body and ">1</span>" in body


def test_a_refused_resubmission_leaves_the_page_on_the_saved_idea(login, idea_a, staff_user, commune_user,
                                                                  producer, monkeypatch):
    idea_services.review_idea(idea_a, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung")

    def refuse(idea, *, actor, comment=""):
        raise IdeaError("Từ chối để thử.")

    monkeypatch.setattr(idea_services, "resubmit_idea", refuse)
    response = login(commune_user).post(idea_url("idea_edit", idea_a), {
        "producer": producer.pk, "product_name": "Tên chưa lưu", "group": group_in_force().pk,
        "description": "Mô tả", "comment": "Đã bổ sung."})
    assert response.status_code == 200 and "Từ chối để thử." in response.content.decode()
    assert response.context["idea"].product_name == "Chè Shan tuyết túi lọc"
    assert response.context["form"]["product_name"].value() == "Tên chưa lưu"
    assert "<title>Chè Shan tuyết túi lọc" in response.content.decode()
