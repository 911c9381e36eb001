"""programme/services/ideas.py: the one owner of an idea's status, its transitions, and who may do what."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from programme.enums import IdeaStatus
from programme.models import IdeaEvent, ProductIdea
from programme.services import ideas as services
from programme.services.ideas import IDEA_TRANSITIONS, IdeaError
from tests.factories import ProductFactory, tea_group
from tests.programme import test_ideas
from tests.programme.test_ideas import group_in_force

# the fixtures of the pages' tests
commune_a, commune_b, commune_user, other_commune_user, make_idea = (
    test_ideas.commune_a, test_ideas.commune_b, test_ideas.commune_user, test_ideas.other_commune_user,
    test_ideas.make_idea)


def test_idea_status_is_assigned_in_one_function_only():
    """`grep` finds an assignment of an idea's status, or a step written, in programme/services/ideas.py only."""
    root = Path(settings.BASE_DIR)
    pattern = (r"\.status\s*=[^=]|[\"']status[\"']:\s*IdeaStatus|update\([^)]*status=|IdeaEvent\.objects\.create|"
               r"ProductIdea\([^)]*status=|IdeaEvent\([^)]*status=")
    found = subprocess.run(["grep", "-rnE", pattern, "--include=*.py", "programme", "portal", "accounts", "products"],
                           cwd=root, capture_output=True, text=True).stdout.splitlines()
    ideas = [line for line in found if "migrations" not in line
             and ("idea" in line.lower() or line.startswith("programme/services/ideas.py"))]
    assert {line.split(":")[0] for line in ideas} == {"programme/services/ideas.py"}, ideas
    source = (root / "programme" / "services" / "ideas.py").read_text()
    assert len(re.findall(r"\.status\s*=[^=]", source)) == 1 and "def set_idea_status" in source


@pytest.mark.parametrize("current", list(IdeaStatus))
def test_every_transition_not_allowed_is_refused_and_records_nothing(staff_user, make_idea, current):
    idea = make_idea("Trà xanh")
    ProductIdea.objects.filter(pk=idea.pk).update(status=current)  # the state under test, set directly
    idea.refresh_from_db()
    for new in IdeaStatus:
        if new in IDEA_TRANSITIONS[current]:
            continue
        with pytest.raises(IdeaError):
            services.set_idea_status(idea, new, actor=staff_user, comment="Lý do")
        assert ProductIdea.objects.get(pk=idea.pk).status == current
    assert IdeaEvent.objects.filter(idea=idea).count() == 1


def test_rejected_and_registered_are_final():
    assert IDEA_TRANSITIONS[IdeaStatus.REJECTED] == IDEA_TRANSITIONS[IdeaStatus.REGISTERED] == set()


def test_returning_or_rejecting_needs_a_comment(staff_user, make_idea):
    idea = make_idea("Trà xanh")
    for decision in (IdeaStatus.RETURNED, IdeaStatus.REJECTED):
        with pytest.raises(IdeaError, match="lý do"):
            services.review_idea(idea, decision, actor=staff_user, comment="  ")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SUBMITTED


def test_only_staff_review(make_idea, commune_user, official_user, producer_user):
    idea = make_idea("Trà xanh")
    for user in (commune_user, official_user, producer_user):
        with pytest.raises(IdeaError):
            services.review_idea(idea, IdeaStatus.SELECTED, actor=user)
    assert ProductIdea.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED


def test_staff_and_officials_do_not_register_ideas_and_a_producer_only_its_own(staff_user, official_user,
                                                                             producer_user, producer,
                                                                             other_producer, commune_a):
    for user in (staff_user, official_user):
        with pytest.raises(IdeaError):
            services.propose_idea(ProductIdea(commune=commune_a, producer=producer, product_name="Trà",
                                              group=group_in_force()), actor=user)
    with pytest.raises(IdeaError):
        services.propose_idea(ProductIdea(commune=other_producer.commune, producer=other_producer,
                                          product_name="Trà", group=group_in_force()), actor=producer_user)
    assert not ProductIdea.objects.exists()


def test_commune_staff_register_for_their_commune_only(commune_user, commune_b, other_producer):
    with pytest.raises(IdeaError, match="xã mình"):
        services.propose_idea(ProductIdea(commune=commune_b, producer_name="Hộ A", product_name="Trà",
                                          group=group_in_force()), actor=commune_user)
    with pytest.raises(IdeaError, match="chủ thể của xã"):
        services.propose_idea(ProductIdea(commune=commune_user.commune, producer=other_producer, product_name="Trà",
                                          group=group_in_force()), actor=commune_user)
    with pytest.raises(IdeaError, match="phân loại đang có hiệu lực"):
        services.propose_idea(ProductIdea(commune=commune_user.commune, producer_name="Hộ A", product_name="Trà",
                                          group=tea_group("1048")), actor=commune_user)
    assert not ProductIdea.objects.exists()


def test_a_product_is_registered_only_from_a_selected_idea_with_its_producer(staff_user, make_idea, producer):
    named = make_idea("Rượu ngô", producer_name="Tổ hợp tác Nà Đon")
    with pytest.raises(IdeaError, match="được chọn"):
        services.register_idea_product(named, ProductFactory.build(name="Rượu ngô", group=group_in_force()),
                                       actor=staff_user)
    services.review_idea(named, IdeaStatus.SELECTED, actor=staff_user)
    with pytest.raises(IdeaError, match="chủ thể"):
        services.register_idea_product(named, ProductFactory.build(name="Rượu ngô", group=group_in_force()),
                                       actor=staff_user)
    services.link_idea_producer(named, producer, actor=staff_user)
    product = services.register_idea_product(
        named, ProductFactory.build(producer=None, name="Rượu ngô", group=group_in_force()), actor=staff_user)
    named.refresh_from_db()
    assert (named.status, named.product, product.producer, product.status) == (
        IdeaStatus.REGISTERED, product, producer, "draft")
    assert list(named.events.values_list("status", flat=True)) == ["submitted", "selected", "registered"]


def test_a_product_refused_leaves_the_idea_without_the_producer_chosen_for_it(staff_user, make_idea, producer):
    ProductFactory(producer=producer, name="Trà hoa vàng", group=group_in_force())
    idea = make_idea("Trà hoa vàng", producer_name="Hộ A")
    services.review_idea(idea, IdeaStatus.SELECTED, actor=staff_user)
    with pytest.raises(Exception, match="đã có sản phẩm tên"):
        services.register_idea_product(idea, ProductFactory.build(producer=None, name="Trà hoa vàng",
                                                                  group=group_in_force()),
                                       actor=staff_user, producer=producer)
    idea.refresh_from_db()
    assert (idea.status, idea.producer, idea.product) == (IdeaStatus.SELECTED, None, None)
