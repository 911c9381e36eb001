"""The demo's sample ideas (2019–2020 cycle, Lai Châu) and its commune staff login."""

import datetime

import pytest

from accounts.models import User
from accounts.roles import Role
from products.demo import create_demo_logins, load_demo_data
from programme.demo import ideas as demo_ideas
from programme.enums import IdeaStatus
from programme.models import IdeaEvent, ProductIdea


@pytest.mark.django_db
def test_the_sample_ideas_load_twice_at_every_status_dated_in_the_2019_2020_cycle():
    load_demo_data()
    logins = {login.username: login for login in create_demo_logins()}
    first = demo_ideas.load(staff=None)
    again = demo_ideas.load(staff=None)
    assert first.startswith("SAMPLE DATA") and "(5 new)" in first and "(0 new)" in again
    ideas = ProductIdea.objects.select_related("commune", "province", "product")
    assert {i.status for i in ideas} == set(IdeaStatus)
    assert all(i.description.startswith("[Dữ liệu mẫu]") and i.province.short_name == "Lai Châu" for i in ideas)
    days = [i.created_at.date() for i in ideas] + [e.created_at.date() for e in IdeaEvent.objects.all()]
    assert all(datetime.date(2019, 1, 1) <= d <= datetime.date(2020, 12, 31) for d in days)
    registered = ideas.get(status=IdeaStatus.REGISTERED)
    assert registered.product.name == registered.product_name == "Trà cổ thụ Sà Dề Phìn"
    # the commune staff login's commune has demo producers and sample ideas, one of them returned to it
    canboxa = logins["canboxa"]
    user = User.objects.get(username="canboxa")
    assert user.role == Role.COMMUNE and canboxa.scope == user.commune.name
    assert user.commune.producers.count() >= 3
    assert ideas.filter(commune=user.commune, status=IdeaStatus.RETURNED).count() == 1
    assert ideas.filter(commune=user.commune, submitted_by=user).count() == 3
