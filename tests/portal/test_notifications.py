"""The expiry notices: queued once per certificate and account, and nothing done when there is nothing new."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from certificates.models import Certificate
from portal import notifications
from portal.models import Notification
from tests.concurrency import run_at_once
from tests.factories import UserFactory


def expiring_copies(template, count, prefix):
    """`count` certificates like `template`, in force, their last day in 90 days (written in one statement)."""
    today = timezone.localdate()
    fields = {f.attname: getattr(template, f.attname) for f in Certificate._meta.concrete_fields if not f.primary_key}
    fields.update(in_force_from=today - datetime.timedelta(days=30), expires_on=today + datetime.timedelta(days=90),
                  issued_on=today - datetime.timedelta(days=30))
    return Certificate.objects.bulk_create([
        Certificate(**{**fields, "number": f"{prefix}-{i}", "sequence": prefix * 100_000 + i}) for i in range(count)])


@pytest.fixture
def template(decided_round):
    certificate = Certificate.objects.order_by("sequence").first()
    UserFactory(username="owner", role=Role.PRODUCER, producer=certificate.product.producer, email="o@example.vn")
    return certificate


def test_notify_expiring_with_nothing_new_renders_nothing_in_the_same_queries(template, monkeypatch):
    queries = []
    for prefix, size in [(1, 2), (2, 30)]:
        expiring_copies(template, size, prefix)
        assert len(notifications.queue_expiring()) == size  # the new ones: written once
        with monkeypatch.context() as patch, CaptureQueriesContext(connection) as captured:
            patch.setattr(notifications, "render_to_string", lambda *a, **k: pytest.fail("an e-mail was written"))
            assert notifications.queue_expiring() == []
        queries.append(len(captured))
    assert queries == [1, 1]
    assert Notification.objects.filter(key__startswith="expiring:").count() == 32


def test_notify_expiring_command_run_twice_sends_each_notice_once(template, capsys):
    expiring_copies(template, 3, 1)
    call_command("notify_expiring")
    call_command("notify_expiring")
    assert capsys.readouterr().out.splitlines() == ["3 notifications queued, 3 e-mails sent.",
                                                    "0 notifications queued, 0 e-mails sent."]
    assert sorted(m.subject.split()[5] for m in mail.outbox) == ["1-0", "1-1", "1-2"]
    assert all("còn 90 ngày" in m.body for m in mail.outbox)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_notify_jobs_at_the_same_moment_queue_each_notice_once(template):
    expiring_copies(template, 20, 1)
    run_at_once(notifications.queue_expiring, notifications.queue_expiring)
    keys = list(Notification.objects.filter(key__startswith="expiring:").values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 20
