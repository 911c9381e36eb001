"""Batch printing: a PrintJob is created by the request (services.start_print_job), run by the task worker
(tasks.print_batch calls run_print_job), kept for download."""

from django.core.files.base import ContentFile
from django.utils import timezone

from certificates.enums import JobState
from certificates.models import PrintJob
from certificates.queries import batch_certificates
from certificates.rendering import render_certificates


def run_print_job(job_id) -> PrintJob:
    """Claim the job (only a queued job is run), render, store the file; failures are recorded."""
    if not PrintJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(state=JobState.RUNNING):
        return PrintJob.objects.get(pk=job_id)
    job = PrintJob.objects.get(pk=job_id)
    try:
        certificates = list(batch_certificates(province=job.province, year=job.year, decision=job.decision))

        def progress(done, total):
            PrintJob.objects.filter(pk=job.pk).update(done=done, total=total)

        pdf = render_certificates(certificates, progress=progress)
        job.refresh_from_db()
        job.file.save(f"{job.pk}.pdf", ContentFile(pdf), save=False)
        job.state, job.finished_at = JobState.DONE, timezone.now()
        job.save(update_fields=["file", "state", "finished_at"])
    except Exception as error:  # recorded for the user; the worker goes on
        PrintJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=str(error)[:2000],
                                                  finished_at=timezone.now())
        raise
    return job
