"""Batch printing survives a dead worker (a lease renewed by a heartbeat) and a double click (one job)."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import timezone

from certificates import batches
from certificates.enums import JobState
from certificates.models import PrintJob


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs in the worker, not even `except Exception` blocks."""


@pytest.fixture
def queued(settings):
    """Tasks are queued, not run: the test plays the worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def start(login, decided_round, official_user, queued, django_capture_on_commit_callbacks):
    client = login(official_user)

    def _start():
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("certificates:print"), {"round": decided_round.pk})

    return client, _start


def killed_while_printing(monkeypatch, job):
    def render(certificates, progress=None):
        progress(1, len(certificates))
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(batches, "store_pdfs", render)
        with pytest.raises(WorkerKilled):
            batches.run_print_job(job.pk)


def status(client, job):
    return client.get(reverse("certificates:job_status", args=[job.pk])).json()


def later(seconds):
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


def test_print_job_whose_worker_died_is_retried_by_another_worker(start, monkeypatch, settings):
    client, start_job = start
    start_job()
    job = PrintJob.objects.get()
    killed_while_printing(monkeypatch, job)
    assert status(client, job)["state"] == JobState.RUNNING  # within the lease it may still be working
    with later(settings.OCOP_PRINT_JOB_LEASE_SECONDS + 1):
        assert status(client, job)["state"] == JobState.QUEUED  # given to the next worker
        job = batches.run_print_job(job.pk)
        answer = status(client, job)
    assert (answer["state"], answer["done"], answer["total"], answer["error"]) == (JobState.DONE, 2, 2, "")
    assert job.attempts == 2 and job.file.storage.exists(job.file.name)


def test_print_job_whose_worker_died_is_failed_with_a_message(start, monkeypatch, settings):
    client, start_job = start
    start_job()
    job = PrintJob.objects.get()
    lease = settings.OCOP_PRINT_JOB_LEASE_SECONDS
    killed_while_printing(monkeypatch, job)
    with later(lease + 1):
        assert status(client, job)["state"] == JobState.QUEUED
        killed_while_printing(monkeypatch, job)
    with later(2 * lease + 2):
        answer = status(client, job)
        page = client.get(reverse("certificates:job", args=[job.pk])).content.decode()
    assert answer["state"] == JobState.FAILED
    assert answer["error"].startswith("Việc in bị dừng vì tiến trình in nền đã ngừng chạy")
    assert answer["error"] in page
    job.refresh_from_db()
    assert job.attempts == 2 and not job.file


def test_print_job_renewing_its_lease_is_not_taken_from_its_worker(start, monkeypatch, settings):
    """A long batch: each step renews the lease, so a job busy for longer than the lease stays its worker's."""
    client, start_job = start
    start_job()
    job = PrintJob.objects.get()
    lease = settings.OCOP_PRINT_JOB_LEASE_SECONDS
    real_render = batches.store_pdfs

    def slow_render(certificates, progress=None):
        for step in range(1, 4):
            with later(step * lease * 2 / 3):
                progress(step, 3)
                batches.recover_abandoned_jobs()  # a request looks at the job meanwhile
        return real_render(certificates)

    monkeypatch.setattr(batches, "store_pdfs", slow_render)
    job = batches.run_print_job(job.pk)
    assert job.state == JobState.DONE and job.attempts == 1


def test_worker_given_up_for_dead_changes_nothing_when_it_comes_back(start, monkeypatch, settings):
    client, start_job = start
    start_job()
    job = PrintJob.objects.get()
    lease = settings.OCOP_PRINT_JOB_LEASE_SECONDS

    def frozen_then_back(certificates, progress=None):
        with later(lease + 1):
            batches.recover_abandoned_jobs()  # meanwhile the job was queued again
            PrintJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=2,
                                                      heartbeat_at=timezone.now())  # and claimed by worker 2
        progress(2, 2)  # worker 1 wakes up
        raise AssertionError("the rendering must stop once the job is lost")

    monkeypatch.setattr(batches, "store_pdfs", frozen_then_back)
    job = batches.run_print_job(job.pk)
    assert (job.state, job.attempts, job.done) == (JobState.RUNNING, 2, 0)


def test_double_click_on_print_makes_one_job(start, decided_round):
    client, start_job = start
    first, second = start_job(), start_job()
    job = PrintJob.objects.get()
    assert first.url == second.url == reverse("certificates:job", args=[job.pk])
    assert len(default_task_backend.results) == 1  # queued once


def test_database_refuses_a_second_active_print_job_for_a_decision(decided_round, lai_chau):
    PrintJob.objects.create(province=lai_chau, decision=decided_round.decision)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrintJob.objects.create(province=lai_chau, decision=decided_round.decision, state=JobState.RUNNING)
    PrintJob.objects.create(province=lai_chau, year=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrintJob.objects.create(province=lai_chau, year=2020)
    PrintJob.objects.update(state=JobState.DONE)
    PrintJob.objects.create(province=lai_chau, decision=decided_round.decision)  # once done, print again


def test_printing_again_after_the_job_is_done_makes_a_new_job(start):
    client, start_job = start
    start_job()
    batches.run_print_job(PrintJob.objects.get().pk)
    start_job()
    assert list(PrintJob.objects.order_by("created_at").values_list("state", flat=True)) == [JobState.DONE,
                                                                                            JobState.QUEUED]
