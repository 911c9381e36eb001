"""The product page of a producer or staff: every round, results only once decided for the producer."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def scored_product(make_round, score):
    round_ = make_round(members=3, products=1)
    enrolment = score(round_.enrolments.get(), [(30, 20, 30)] * 3)
    return enrolment


def test_producer_does_not_see_scores_before_the_decision(login, scored_product):
    product = scored_product.product
    owner = UserFactory(username="owner", role=Role.PRODUCER, producer=product.producer)
    body = login(owner).get(reverse("products:product", args=[product.pk])).content.decode()
    assert "80,00" not in body and "★★★★" not in body
    assert "Chưa chấm" in body
    assert "Lịch sử thay đổi" not in body


def test_staff_see_staged_scores_and_history(login, staff_user, scored_product):
    body = login(staff_user).get(reverse("products:product", args=[scored_product.product.pk])).content.decode()
    assert "80,00" in body and "Lịch sử thay đổi" in body


def test_producer_sees_decided_results_and_decision(login, decided_round):
    product = decided_round.enrolments.order_by("position").first().product
    owner = UserFactory(username="owner", role=Role.PRODUCER, producer=product.producer)
    body = login(owner).get(reverse("products:product", args=[product.pk])).content.decode()
    assert "1168/QĐ-UBND" in body and "30/09/2020" in body and "★★★★" in body


def test_public_page_names_the_decision(client, decided_round):
    product = decided_round.enrolments.order_by("position").first().product
    body = client.get(product.get_absolute_url()).content.decode()
    assert "Quyết định số 1168/QĐ-UBND ngày 30/09/2020" in body


def test_product_page_is_404_outside_scope(login, other_producer_user, other_staff_user, product):
    url = reverse("products:product", args=[product.pk])
    assert login(other_producer_user).get(url).status_code == 404
    assert login(other_staff_user).get(url).status_code == 404
