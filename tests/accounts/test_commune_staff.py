"""Commune staff (cán bộ xã): a login scoped to one commune. They see their commune's rows where a selector names a
commune, nothing where it does not (rounds, scores, decisions, certificates, the producers' and products' pages),
and administrators create them in the back office with the commune only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import PROVINCE_ROLES, Role
from accounts.scoping import scoped
from certificates.queries import certificates_for_user, jobs_for_user, open_revocation_requests
from evaluation.queries import enrolments_for_user, rounds_for_user
from portal.queues import work_count
from products.models import Producer
from products.queries import producers_for_user, products_for_user, reevaluation_requests
from programme.queries.ideas import idea_producers
from tests.factories import CommuneFactory, ProducerFactory, UserFactory


@pytest.fixture
def commune_user(producer):
    return UserFactory(username="canboxa", role=Role.COMMUNE, commune=producer.commune)


def test_a_commune_staff_account_takes_its_communes_province_and_is_not_a_province_role(commune_user, producer):
    assert commune_user.role not in PROVINCE_ROLES and not commune_user.is_province_scoped
    assert (commune_user.province_id, commune_user.is_staff) == (producer.province_id, False)


def test_scoped_gives_commune_staff_their_commune_only_where_a_commune_lookup_is_named(commune_user, producer,
                                                                                      other_producer):
    qs = Producer.objects.all()
    assert list(scoped(qs, commune_user, province="province_id", producer="pk", commune="commune_id")) == [producer]
    assert list(scoped(qs, commune_user, province="province_id", producer="pk")) == []
    assert list(idea_producers(commune_user, other_producer.commune_id)) == []


def test_every_existing_selector_denies_commune_staff(commune_user, product, decided_round):
    today = timezone.localdate()
    assert product.producer.commune == commune_user.commune  # their own commune's product, recognised
    for qs in (producers_for_user(commune_user), products_for_user(commune_user), reevaluation_requests(commune_user),
               rounds_for_user(commune_user), enrolments_for_user(commune_user), certificates_for_user(commune_user),
               jobs_for_user(commune_user), open_revocation_requests(commune_user, today)):
        assert list(qs) == []
    assert work_count(commune_user) == 0


@pytest.mark.parametrize(("name", "args", "code"), [
    ("products:mine", [], 200), ("products:producers", [], 403), ("products:queue", [], 403),
    ("evaluation:rounds", [], 403), ("evaluation:round_new", [], 403), ("certificates:list", [], 200),
    ("accounts:invite", [], 403), ("exchange:registry_upload", [], 403),
])
def test_the_provinces_pages_show_commune_staff_nothing(login, commune_user, product, decided_round, name, args,
                                                         code):
    response = login(commune_user).get(reverse(name, args=args))
    assert response.status_code == code
    if code == 200:
        page = response.content.decode()
        assert product.name not in page and decided_round.decision.number not in page


def test_their_own_communes_producer_and_product_pages_are_not_theirs(login, commune_user, product, decided_round):
    client = login(commune_user)
    assert client.get(reverse("products:producer", args=[product.producer_id])).status_code == 404
    assert client.get(reverse("products:product", args=[product.pk])).status_code == 404
    assert client.get(reverse("evaluation:round", args=[decided_round.pk])).status_code == 403  # no right to rounds
    assert client.get(reverse("evaluation:scores", args=[decided_round.pk])).status_code in (403, 404)


def test_administrators_create_commune_staff_in_the_back_office_with_the_commune_only(login, admin_user, producer):
    commune = producer.commune
    response = login(admin_user).post(reverse("admin:accounts_user_add"), {
        "username": "canboxa-moi", "password1": "Che-shan-tuyet-2020", "password2": "Che-shan-tuyet-2020",
        "usable_password": "true", "role": "commune", "commune": commune.pk})
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="canboxa-moi")
    assert (user.role, user.commune, user.province, user.producer) == (Role.COMMUNE, commune, commune.province, None)


def test_the_back_office_refuses_a_commune_on_another_role_or_commune_staff_without_one(login, admin_user, producer):
    client = login(admin_user)
    base = {"password1": "Che-shan-tuyet-2020", "password2": "Che-shan-tuyet-2020", "usable_password": "true"}
    without = client.post(reverse("admin:accounts_user_add"), dict(base, username="xa1", role="commune"))
    other_role = client.post(reverse("admin:accounts_user_add"), dict(
        base, username="xa2", role="staff", province=producer.province_id, commune=producer.commune_id))
    for response in (without, other_role):
        assert response.status_code == 200
        assert "Cán bộ xã cần có xã của mình" in response.content.decode()
    assert not User.objects.filter(username__in=["xa1", "xa2"]).exists()


def test_the_user_list_shows_the_commune(login, admin_user, commune_user):
    page = login(admin_user).get(reverse("admin:accounts_user_changelist")).content.decode()
    assert commune_user.commune.name in page


def test_commune_staff_of_another_province_see_nothing_of_this_one(login, dien_bien, producer):
    far = UserFactory(username="canboxadb", role=Role.COMMUNE, commune=CommuneFactory(province=dien_bien))
    ProducerFactory(commune=far.commune)
    assert list(idea_producers(far, producer.commune_id)) == []
    assert login(far).get(reverse("programme:commune_ideas", args=[producer.commune_id])).status_code == 404
