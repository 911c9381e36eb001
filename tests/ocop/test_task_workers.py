"""Several task workers, on one machine or many, never run one job twice (README, "Running on more than one
machine"): django-tasks-db's workers claim a task in a transaction that locks its row and skips rows locked by
others (PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED; SQLite: an exclusive transaction), and a print job is
claimed by a conditional UPDATE (certificates.batches.run_print_job) that only one worker can win."""

import os
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from certificates import batches, services
from certificates.enums import JobState
from certificates.models import PrintJob
from tests.tasks import note_run

JOBS = 24


def worker_environment() -> dict:
    """The environment of a `manage.py db_worker` that works on this test's database with the real settings."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "0",
           "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                               f"{db['PORT'] or 5432}/{db['NAME']}")
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(db["NAME"])
    return env


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_worker_processes_on_one_queue_run_each_job_exactly_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notes = tmp_path / "runs.txt"
    notes.touch()
    results = [note_run.enqueue(str(notes), number) for number in range(JOBS)]
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0",
               "--no-reload", "--verbosity", "0"]
    workers = [subprocess.Popen([*command, "--worker-id", name], env=worker_environment(), cwd=settings.BASE_DIR,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name in ("worker-a", "worker-b")]
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err

    runs = [line.split() for line in notes.read_text().splitlines()]
    assert sorted(int(number) for number, _worker in runs) == list(range(JOBS))  # each job ran, and only once
    assert set(Counter(worker for _number, worker in runs)) == {"worker-a", "worker-b"}  # both took jobs
    rows = {str(row.pk): row for row in DBTaskResult.objects.all()}
    ran_by = {number: worker for number, worker in runs}
    for number, result in enumerate(results):
        row = rows[result.id]
        assert (row.status, row.worker_ids) == ("SUCCESSFUL", [ran_by[str(number)]])  # claimed by one worker


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_given_one_print_job_at_once_print_it_once(decided_round, official_user, monkeypatch,
                                                               settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # the test is the worker
    job = services.start_print_job(actor=official_user, province=decided_round.province,
                                   decision=decided_round.decision)
    rendered, barrier = [], threading.Barrier(2)
    real_merge = batches.write_merged

    def merge(*args, **kwargs):  # every run of a job writes its batch once
        rendered.append(threading.get_ident())
        return real_merge(*args, **kwargs)

    monkeypatch.setattr(batches, "write_merged", merge)

    def worker():
        barrier.wait()
        try:
            batches.run_print_job(job.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    job = PrintJob.objects.get(pk=job.pk)
    assert len(rendered) == 1  # one worker won the claim; the other found the job no longer queued
    assert (job.state, job.attempts, job.done, job.total) == (JobState.DONE, 1, 2, 2)
    assert job.file.storage.exists(job.file.name)
