"""Batch printing: a PrintJob is created by the request (services.start_print_job), run by the task worker
(tasks.print_batch calls run_print_job), kept for download. A batch is a merge of the certificates' stored PDFs
(certificates.documents); those not stored yet are rendered and stored first.

A running job holds a lease: its worker renews `heartbeat_at` at every step of the rendering. A job whose lease has
expired lost its worker (killed, out of memory, machine restarted): it is queued again, up to
PRINT_JOB_MAX_ATTEMPTS workers in all, then failed with a message for the user (`recover_abandoned_jobs`, run
whenever a job is started, claimed or looked at; its callers hand the jobs queued again to the worker). Every
write of a worker names the attempt it runs, so a worker that was given up for dead and comes back changes nothing.
"""

import datetime
import tempfile
import time

from django.conf import settings
from django.core.files import File
from django.db.models import F, Q
from django.utils import timezone

from certificates.documents import has_current_pdf, store_pdfs, write_merged
from certificates.enums import ACTIVE_JOB_STATES, JobFailure, JobState
from certificates.models import PrintJob
from certificates.queries import batch_certificates
from ocop.public_url import serving_at

PRINT_JOB_MAX_ATTEMPTS = 2  # a job that kills its worker twice is not tried a third time
MERGE_HEARTBEAT_SECONDS = 5  # while merging, the lease is renewed this often (a query per merged file is waste)


class JobLost(Exception):
    """The job was taken from this worker: its lease expired and the job was queued again or failed."""


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.OCOP_PRINT_JOB_LEASE_SECONDS)


def active_job(*, province, year=None, decision=None):
    jobs = PrintJob.objects.filter(state__in=ACTIVE_JOB_STATES)
    jobs = jobs.filter(decision=decision) if decision is not None else jobs.filter(
        province=province, year=year, decision__isnull=True)
    return jobs.first()


def recover_abandoned_jobs(now=None) -> list[str]:
    """Jobs whose worker stopped renewing the lease: queued again for another worker, or, after
    PRINT_JOB_MAX_ATTEMPTS workers, failed with a message. Returns the ids of the jobs queued again, for the
    caller to hand to the task worker (services.recover_print_jobs, tasks.print_batch)."""
    now = now or timezone.now()
    cutoff = now - lease()
    requeued = []
    abandoned = PrintJob.objects.filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True),
                                        state=JobState.RUNNING)
    for job in abandoned:
        same_attempt = PrintJob.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts)
        if job.attempts < PRINT_JOB_MAX_ATTEMPTS:
            if same_attempt.update(state=JobState.QUEUED, heartbeat_at=None, done=0):
                requeued.append(str(job.pk))
        else:
            same_attempt.update(state=JobState.FAILED, failure=JobFailure.WORKER_LOST, finished_at=now,
                                error=f"no heartbeat since {job.heartbeat_at} (attempt {job.attempts} of "
                                      f"{PRINT_JOB_MAX_ATTEMPTS}): the worker stopped")
    return requeued


def run_print_job(job_id) -> PrintJob:
    """Claim the job (only a queued job is run), render, store the file; failures are recorded."""
    claimed = PrintJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now(), done=0)
    job = PrintJob.objects.get(pk=job_id)
    if not claimed:
        return job
    mine = PrintJob.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts)

    def heartbeat(**fields):
        if not mine.update(heartbeat_at=timezone.now(), **fields):
            raise JobLost

    try:
        certificates = list(batch_certificates(province=job.province, year=job.year, decision=job.decision))
        missing = [c for c in certificates if not has_current_pdf(c)]
        ready = len(certificates) - len(missing)
        with serving_at(job.public_url):
            store_pdfs(missing, progress=lambda done, _total: heartbeat(done=ready + done, total=len(certificates)))
        renewed = time.monotonic()

        def merging(_done, _total):
            nonlocal renewed
            if time.monotonic() - renewed >= MERGE_HEARTBEAT_SECONDS:
                heartbeat()
                renewed = time.monotonic()

        with tempfile.TemporaryFile() as merged:  # written to disk as it is made, never held whole in memory
            write_merged(certificates, merged, progress=merging)
            heartbeat()
            merged.seek(0)
            storage = job.file.storage
            name = storage.save(job.file.field.generate_filename(job, f"{job.pk}.pdf"), File(merged))
        if not mine.update(state=JobState.DONE, file=name, done=len(certificates), total=len(certificates),
                           finished_at=timezone.now()):
            storage.delete(name)
            raise JobLost
    except JobLost:
        return PrintJob.objects.get(pk=job_id)  # another worker has it now, or it was failed
    except Exception as error:  # recorded for the user; the worker goes on
        mine.update(state=JobState.FAILED, failure=JobFailure.RENDERING, error=str(error)[:2000],
                    finished_at=timezone.now())
        raise
    return PrintJob.objects.get(pk=job_id)
