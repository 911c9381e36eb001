"""Product ideas through their pages: registered by commune staff or a producer, listed and searched in scope,
reviewed by the province's staff, completed while returned, and a commune's page; with every denial."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from portal.queues import work_count
from products.classification import scheme_on
from products.models import Producer, ProductGroup
from programme.enums import IdeaStatus
from programme.models import IdeaEvent, ProductIdea
from programme.services import ideas as services
from tests.factories import CommuneFactory, ProducerFactory, UserFactory, tea_group


def group_in_force():
    return tea_group(scheme_on(timezone.localdate()))


@pytest.fixture
def commune_a(producer):
    return producer.commune


@pytest.fixture
def commune_b(other_producer):
    return other_producer.commune


@pytest.fixture
def commune_user(commune_a):
    return UserFactory(username="canboxa", role=Role.COMMUNE, commune=commune_a, first_name="Cán bộ xã A")


@pytest.fixture
def other_commune_user(commune_b):
    return UserFactory(username="canboxab", role=Role.COMMUNE, commune=commune_b)


@pytest.fixture
def make_idea(commune_user, other_commune_user):
    """An idea registered through the service by the staff of the producer's commune (or naming a producer)."""

    def _make(name="Chè Shan tuyết túi lọc", *, producer=None, producer_name="", commune=None, by=None):
        author = by or (other_commune_user if commune is not None and commune == other_commune_user.commune
                        else commune_user)
        named = producer_name or ("" if producer else "Hộ Lò Văn Mẫu")
        idea = ProductIdea(commune=commune or author.commune, producer=producer, producer_name=named,
                           product_name=name, group=group_in_force(), description="Chè búp sấy, túi lọc 2 g.")
        return services.propose_idea(idea, actor=author)

    return _make


@pytest.fixture
def idea_a(make_idea, producer):
    return make_idea("Chè Shan tuyết túi lọc", producer=producer)


@pytest.fixture
def idea_b(make_idea, commune_b, other_producer):
    return make_idea("Mật ong bạc hà", producer=other_producer, commune=commune_b)


def idea_url(name, idea):
    return reverse(f"programme:{name}", args=[idea.pk])


# --- registering an idea ---

def test_commune_staff_register_an_idea_of_their_commune_for_one_of_its_producers(login, commune_user, producer,
                                                                                  commune_a):
    client = login(commune_user)
    form = client.get(reverse("programme:idea_new")).context["form"]
    assert list(form.fields["producer"].queryset) == [producer]  # the commune's producers only
    assert set(form.fields["group"].queryset) == set(ProductGroup.objects.filter(
        scheme=scheme_on(timezone.localdate())))
    response = client.post(reverse("programme:idea_new"), {
        "producer": producer.pk, "product_name": "Chè Shan tuyết túi lọc", "group": group_in_force().pk,
        "description": "Chè búp sấy, túi lọc 2 g."})
    idea = ProductIdea.objects.get()
    assert response.url == idea_url("idea", idea)
    assert (idea.commune, idea.province, idea.producer, idea.status, idea.submitted_by) == (
        commune_a, commune_a.province, producer, IdeaStatus.SUBMITTED, commune_user)
    assert list(idea.events.values_list("status", "actor__username")) == [("submitted", "canboxa")]


def test_commune_staff_name_a_producer_not_yet_registered(login, commune_user):
    client = login(commune_user)
    missing = client.post(reverse("programme:idea_new"), {"product_name": "Rượu ngô men lá",
                                                          "group": group_in_force().pk})
    assert missing.status_code == 200 and "Hãy chọn chủ thể" in missing.content.decode()
    client.post(reverse("programme:idea_new"), {"producer_name": "Tổ hợp tác rượu ngô Nà Đon",
                                                "product_name": "Rượu ngô men lá", "group": group_in_force().pk})
    idea = ProductIdea.objects.get()
    assert (idea.producer, idea.producer_name) == (None, "Tổ hợp tác rượu ngô Nà Đon")


def test_commune_staff_cannot_name_another_communes_producer_nor_an_old_product_set(login, commune_user,
                                                                                      other_producer):
    client = login(commune_user)
    other = client.post(reverse("programme:idea_new"), {"producer": other_producer.pk, "product_name": "Mật ong",
                                                        "group": group_in_force().pk})
    old = client.post(reverse("programme:idea_new"), {"producer_name": "Hộ Lò Văn A", "product_name": "Mật ong",
                                                      "group": tea_group("1048").pk})
    assert other.status_code == old.status_code == 200
    assert "producer" in other.context["form"].errors and "group" in old.context["form"].errors
    assert not ProductIdea.objects.exists()


def test_a_producer_registers_an_idea_for_itself_in_its_commune(login, producer_user, producer):
    client = login(producer_user)
    assert "producer" not in client.get(reverse("programme:idea_new")).context["form"].fields
    client.post(reverse("programme:idea_new"), {"product_name": "Trà hoa vàng", "group": group_in_force().pk,
                                                "producer": producer.pk + 1000})  # ignored: not a field
    idea = ProductIdea.objects.get()
    assert (idea.producer, idea.commune, idea.producer_name) == (producer, producer.commune, "")


def test_only_commune_staff_and_producers_register_ideas(client, login, staff_user, official_user, admin_user):
    assert login(staff_user).get(reverse("programme:idea_new")).status_code == 403
    assert login(official_user).post(reverse("programme:idea_new"), {}).status_code == 403
    assert login(admin_user).get(reverse("programme:idea_new")).status_code == 403
    client.logout()
    response = client.get(reverse("programme:idea_new"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- who sees what ---

def test_each_role_lists_only_the_ideas_in_its_scope(login, client, idea_a, idea_b, commune_user,
                                                     other_commune_user, producer_user, other_producer_user,
                                                     staff_user, other_staff_user, official_user, admin_user):
    def listed(user):
        return [i.product_name for i in login(user).get(reverse("programme:ideas")).context["ideas"]]

    assert listed(commune_user) == ["Chè Shan tuyết túi lọc"]
    assert listed(other_commune_user) == ["Mật ong bạc hà"]
    assert listed(producer_user) == ["Chè Shan tuyết túi lọc"]
    assert listed(other_producer_user) == ["Mật ong bạc hà"]
    assert sorted(listed(staff_user)) == sorted(listed(official_user)) == sorted(listed(admin_user)) == [
        "Chè Shan tuyết túi lọc", "Mật ong bạc hà"]
    assert listed(other_staff_user) == []
    client.logout()
    assert client.get(reverse("programme:ideas")).status_code == 302  # the public never sees ideas


def test_an_idea_out_of_scope_is_not_found(login, client, idea_a, idea_b, other_commune_user, other_producer_user,
                                           other_staff_user):
    for user in (other_commune_user, other_producer_user, other_staff_user):
        c = login(user)
        assert c.get(idea_url("idea", idea_a)).status_code == 404
        assert c.get(idea_url("idea_edit", idea_a)).status_code in (403, 404)
    assert login(other_commune_user).get(idea_url("idea", idea_b)).status_code == 200
    client.logout()
    assert client.get(idea_url("idea", idea_a)).status_code == 302


def test_the_list_filters_by_status_and_commune_and_searches_without_diacritics(login, staff_user, idea_a, idea_b,
                                                                                commune_b, make_idea):
    services.review_idea(idea_b, IdeaStatus.SELECTED, actor=staff_user)
    make_idea("Rượu ngô men lá", producer_name="Tổ hợp tác Nà Đon")
    client = login(staff_user)

    def names(**query):
        return sorted(i.product_name for i in client.get(reverse("programme:ideas"), query).context["ideas"])

    assert names(q="che SHAN tuyet") == ["Chè Shan tuyết túi lọc"]
    assert names(q="na don") == ["Rượu ngô men lá"]  # the proposed producer's name
    assert names(q="hop tac xa khac") == ["Mật ong bạc hà"]  # the registered producer's name
    assert names(state="selected") == ["Mật ong bạc hà"]
    assert names(commune=commune_b.pk) == ["Mật ong bạc hà"]
    assert names(commune=999999) == []  # not a commune of the province: the form refuses it, nothing listed


def test_the_idea_page_shows_its_steps_with_who_when_and_comment(login, staff_user, commune_user, idea_a):
    services.review_idea(idea_a, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung sản lượng dự kiến.")
    response = login(commune_user).get(idea_url("idea", idea_a))
    steps = [(s.status, s.actor.username, s.comment) for s in response.context["steps"]]
    assert steps == [("submitted", "canboxa", ""), ("returned", "canbo", "Bổ sung sản lượng dự kiến.")]
    page = response.content.decode()
    assert "Bổ sung sản lượng dự kiến." in page and "Trả lại để bổ sung" in page
    assert response.context["may_edit"] and response.context["review_form"] is None


# --- the province's review ---

def test_staff_select_return_or_reject_and_a_comment_is_required_to_return_or_reject(login, staff_user, make_idea):
    client = login(staff_user)
    first, second, third = (make_idea(n) for n in ("Trà xanh", "Trà đen", "Trà trắng"))
    refused = client.post(idea_url("idea_review", first), {"decision": "returned", "comment": " "}, follow=True)
    assert "Hãy nói vì sao" in refused.content.decode()
    first.refresh_from_db()
    assert first.status == IdeaStatus.SUBMITTED and first.events.count() == 1
    client.post(idea_url("idea_review", first), {"decision": "returned", "comment": "Bổ sung vùng nguyên liệu"})
    client.post(idea_url("idea_review", second), {"decision": "rejected", "comment": "Trùng sản phẩm đã có"})
    client.post(idea_url("idea_review", third), {"decision": "selected"})
    got = {i.product_name: i.status for i in ProductIdea.objects.all()}
    assert got == {"Trà xanh": "returned", "Trà đen": "rejected", "Trà trắng": "selected"}
    assert IdeaEvent.objects.get(idea=second, status="rejected").comment == "Trùng sản phẩm đã có"
    again = client.post(idea_url("idea_review", second), {"decision": "selected"}, follow=True)
    assert "không thể chuyển thành" in again.content.decode()
    second.refresh_from_db()
    assert second.status == IdeaStatus.REJECTED


def test_commune_staff_producers_and_officials_cannot_review(login, idea_a, commune_user, producer_user,
                                                             official_user, other_staff_user):
    for user in (commune_user, producer_user, official_user):
        assert login(user).post(idea_url("idea_review", idea_a), {"decision": "selected"}).status_code == 403
    assert login(other_staff_user).post(idea_url("idea_review", idea_a), {"decision": "selected"}).status_code == 404
    idea_a.refresh_from_db()
    assert idea_a.status == IdeaStatus.SUBMITTED


# --- completing a returned idea ---

def test_commune_staff_complete_a_returned_idea_and_submit_it_again(login, staff_user, commune_user, idea_a,
                                                                   producer):
    client = login(commune_user)
    assert client.get(idea_url("idea_edit", idea_a)).status_code == 403  # submitted: not open to edit
    services.review_idea(idea_a, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung sản lượng")
    assert "Bổ sung sản lượng" in client.get(idea_url("idea_edit", idea_a)).content.decode()
    client.post(idea_url("idea_edit", idea_a), {
        "producer": producer.pk, "product_name": "Chè Shan tuyết túi lọc 2 g", "group": group_in_force().pk,
        "description": "Sản lượng dự kiến 2 tấn/năm.", "comment": "Đã bổ sung sản lượng."})
    idea_a.refresh_from_db()
    assert (idea_a.status, idea_a.product_name) == (IdeaStatus.SUBMITTED, "Chè Shan tuyết túi lọc 2 g")
    assert list(idea_a.events.values_list("status", "comment")) == [
        ("submitted", ""), ("returned", "Bổ sung sản lượng"), ("submitted", "Đã bổ sung sản lượng.")]


def test_only_the_ideas_commune_or_producer_completes_it(login, staff_user, idea_a, other_commune_user,
                                                         other_producer_user, producer_user):
    services.review_idea(idea_a, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung")
    assert login(other_commune_user).post(idea_url("idea_edit", idea_a), {"product_name": "X"}).status_code == 404
    assert login(other_producer_user).get(idea_url("idea_edit", idea_a)).status_code == 404
    assert login(staff_user).get(idea_url("idea_edit", idea_a)).status_code == 403
    assert login(producer_user).get(idea_url("idea_edit", idea_a)).status_code == 200  # the idea's producer
    idea_a.refresh_from_db()
    assert (idea_a.status, idea_a.product_name) == (IdeaStatus.RETURNED, "Chè Shan tuyết túi lọc")


# --- from a selected idea to a registered product ---

def test_staff_create_the_named_producer_then_register_the_product(login, staff_user, make_idea, commune_a):
    idea = make_idea("Rượu ngô men lá", producer_name="Tổ hợp tác rượu ngô Nà Đon")
    client = login(staff_user)
    assert client.get(idea_url("idea_producer", idea)).status_code == 302  # submitted: not yet
    services.review_idea(idea, IdeaStatus.SELECTED, actor=staff_user)
    form = client.get(idea_url("idea_producer", idea)).context["form"]
    assert (form.initial["name"], form.initial["commune"]) == ("Tổ hợp tác rượu ngô Nà Đon", commune_a.pk)
    response = client.post(idea_url("idea_producer", idea), {
        "legal_type": "cooperative_group", "name": "Tổ hợp tác rượu ngô Nà Đon", "registration_code": "6299000001",
        "representative": "Lò Văn Đon", "address": "Bản Nà Đon", "commune": commune_a.pk})
    assert response.url == idea_url("idea_register", idea)
    made = Producer.objects.get(registration_code="6299000001")
    idea.refresh_from_db()
    assert idea.producer == made
    client.post(idea_url("idea_register", idea), {"name": "Rượu ngô men lá Nà Đon", "group": group_in_force().pk,
                                                  "description": "Rượu ngô 29 độ."})
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REGISTERED and idea.product.producer == made
    assert idea.product.history.first().history_change_reason == (
        f"Đăng ký từ ý tưởng sản phẩm số {idea.pk} ({commune_a.name})")


def test_a_named_producer_found_already_registered_is_chosen_when_registering(login, staff_user, make_idea,
                                                                             producer):
    idea = make_idea("Trà hoa vàng", producer_name=producer.name)
    services.review_idea(idea, IdeaStatus.SELECTED, actor=staff_user)
    client = login(staff_user)
    duplicate = client.post(idea_url("idea_producer", idea), {
        "legal_type": "cooperative", "name": producer.name, "registration_code": producer.registration_code,
        "representative": "A", "address": "B", "commune": producer.commune_id})
    assert f"Mã số đăng ký {producer.registration_code} đã là của" in duplicate.content.decode()
    assert Producer.objects.count() == 2
    client.post(idea_url("idea_register", idea), {"producer": producer.pk, "name": "Trà hoa vàng",
                                                  "group": group_in_force().pk})
    idea.refresh_from_db()
    assert (idea.status, idea.producer, idea.product.producer) == (IdeaStatus.REGISTERED, producer, producer)


def test_only_staff_register_and_only_a_selected_idea(login, staff_user, commune_user, official_user, idea_a):
    data = {"name": "Chè túi lọc", "group": group_in_force().pk}
    login(staff_user).post(idea_url("idea_register", idea_a), data)  # submitted: refused
    services.review_idea(idea_a, IdeaStatus.SELECTED, actor=staff_user)
    assert login(commune_user).post(idea_url("idea_register", idea_a), data).status_code == 403
    assert login(official_user).post(idea_url("idea_register", idea_a), data).status_code == 403
    idea_a.refresh_from_db()
    assert idea_a.status == IdeaStatus.SELECTED and idea_a.product is None


# --- a commune's page ---

def test_a_communes_page_counts_its_ideas_per_status(login, staff_user, commune_user, commune_a, make_idea, idea_b):
    first, second, _third = (make_idea(n) for n in ("Trà xanh", "Trà đen", "Trà trắng"))
    services.review_idea(first, IdeaStatus.SELECTED, actor=staff_user)
    services.review_idea(second, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung")
    # what waits for the reader first: the returned idea for the commune, the submitted one for the province
    for user, order in ((commune_user, ["Trà đen", "Trà trắng", "Trà xanh"]),
                        (staff_user, ["Trà trắng", "Trà xanh", "Trà đen"])):
        response = login(user).get(reverse("programme:commune_ideas", args=[commune_a.pk]))
        assert dict(response.context["counts"]) == {
            "submitted": 1, "returned": 1, "selected": 1, "rejected": 0, "registered": 0}
        assert [i.product_name for i in response.context["ideas"]] == order


def test_a_communes_page_lists_its_registered_producers(login, commune_user, staff_user, commune_a, producer,
                                                      other_producer):
    second = ProducerFactory(name="Hộ kinh doanh Lò Văn Tâm", commune=commune_a)
    for user in (commune_user, staff_user):
        response = login(user).get(reverse("programme:commune_ideas", args=[commune_a.pk]))
        assert list(response.context["producers"]) == [second, producer]  # by name
    page = response.content.decode()
    assert reverse("products:producer", args=[producer.pk]) in page  # staff open the producer's page
    page = login(commune_user).get(reverse("programme:commune_ideas", args=[commune_a.pk])).content.decode()
    assert "Hộ kinh doanh Lò Văn Tâm" in page and reverse("products:producer", args=[producer.pk]) not in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith(f"Ý tưởng sản phẩm của {commune_a.name}") and "<" not in title  # the table once only
    assert page.count('id="commune-producers"') == 1


def test_a_communes_page_is_for_the_provinces_staff_and_that_communes_staff_only(login, client, commune_a, commune_b,
                                                                                commune_user, other_staff_user,
                                                                                producer_user, official_user):
    url = reverse("programme:commune_ideas", args=[commune_a.pk])
    assert login(commune_user).get(reverse("programme:commune_ideas", args=[commune_b.pk])).status_code == 404
    assert login(other_staff_user).get(url).status_code == 404
    assert login(producer_user).get(url).status_code == 403
    assert login(official_user).get(url).status_code == 403
    assert login(commune_user).get(reverse("programme:commune_ideas", args=[10**9])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# --- queries bounded whatever the number of ideas ---

# (page, role): the most queries the page may run, with one idea as with many (the dashboard's include the
# session, the user and the navigation's count; the staff's, their whole work queues)
BOUNDS = {("ideas", "commune"): 10, ("ideas", "staff"): 10, ("commune", "commune"): 10, ("commune", "staff"): 10,
          ("dashboard", "commune"): 9, ("dashboard", "staff"): 15}


@pytest.mark.parametrize(("page", "role"), sorted(BOUNDS))
def test_lists_run_the_same_queries_for_one_idea_or_many(login, django_assert_max_num_queries, commune_user,
                                                         staff_user, make_idea, commune_a, page, role):
    url = {"ideas": reverse("programme:ideas"), "dashboard": reverse("portal:dashboard"),
           "commune": reverse("programme:commune_ideas", args=[commune_a.pk])}[page]
    client = login(commune_user if role == "commune" else staff_user)

    def shown():
        with django_assert_max_num_queries(BOUNDS[page, role]):
            response = client.get(url)
        return response.context["queues"].ideas if page == "dashboard" else response.context["ideas"]

    make_idea("Ý tưởng 0", producer_name="Hộ Lò Văn A")
    assert len(shown()) == 1
    for i in range(1, 8):
        make_idea(f"Ý tưởng {i}", producer=ProducerFactory(commune=commune_a))
    assert len(shown()) == 8


# --- the dashboards ---

def test_commune_staff_dashboard_opens_on_their_ideas_returned_first(login, staff_user, commune_user, make_idea,
                                                                    idea_b):
    first, _second = make_idea("Trà xanh"), make_idea("Trà đen")
    services.review_idea(first, IdeaStatus.RETURNED, actor=staff_user, comment="Bổ sung")
    response = login(commune_user).get(reverse("portal:dashboard"))
    assert response.templates[0].name == "portal/commune_dashboard.html"
    queues = response.context["queues"]
    assert [i.product_name for i in queues.ideas] == ["Trà xanh", "Trà đen"] and queues.returned == 1
    assert "Mật ong bạc hà" not in response.content.decode()


def test_the_staff_queue_lists_ideas_to_review_and_to_register(login, staff_user, other_staff_user, make_idea):
    first, _second = make_idea("Trà xanh"), make_idea("Trà đen")
    services.review_idea(first, IdeaStatus.SELECTED, actor=staff_user)
    queues = login(staff_user).get(reverse("portal:dashboard")).context["queues"]
    assert [(i.product_name, i.status) for i in queues.ideas] == [("Trà xanh", "selected"), ("Trà đen", "submitted")]
    assert queues.idea_count == 2
    assert login(other_staff_user).get(reverse("portal:dashboard")).context["queues"].idea_count == 0


def test_the_navigation_count_includes_ideas_waiting(staff_user, make_idea):
    before = work_count(staff_user)
    make_idea("Trà xanh")
    assert work_count(staff_user) == before + 1


def test_a_commune_in_another_province_is_not_offered(login, commune_user, dien_bien):
    ProducerFactory(commune=CommuneFactory(province=dien_bien))
    form = login(commune_user).get(reverse("programme:ideas")).context["filter_form"]
    assert list(form.fields["commune"].queryset) == [commune_user.commune]
