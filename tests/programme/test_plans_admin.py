"""programme/admin.py: every programme record is in the back office, each with its history page and no revert."""

import datetime

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from programme.models import Plan


def test_every_programme_model_is_registered():
    models = [m for m in apps.get_app_config("programme").get_models() if not m.__name__.startswith("Historical")]
    assert {m.__name__ for m in models} - {m.__name__ for m in admin.site._registry} == set()
    with_history = {m for m in models if hasattr(m, "history")}
    assert all(isinstance(admin.site._registry[m], SimpleHistoryAdmin) for m in with_history)


def test_administrator_sees_a_plan_and_its_history_without_revert(login, admin_user, lai_chau):
    plan = Plan.objects.create(province=lai_chau, number="1/KH", signed_on=datetime.date(2020, 1, 1), title="t",
                               starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 12, 31))
    client = login(admin_user)
    assert client.get(reverse("admin:programme_plan_changelist")).status_code == 200
    history = client.get(reverse("admin:programme_plan_history", args=[plan.pk]))
    assert history.status_code == 200 and history.context["revert_disabled"] is True


def test_staff_do_not_reach_the_programme_back_office(login, staff_user):
    assert login(staff_user).get(reverse("admin:programme_plan_changelist")).status_code == 403
