"""Thin task wrappers: take ids, fetch, call the function that does the work."""

from django.tasks import task

from certificates.batches import recover_abandoned_jobs, run_print_job
from certificates.documents import store_missing_pdfs
from certificates.models import Certificate


@task()
def print_batch(job_id: str) -> None:
    for lost in recover_abandoned_jobs():  # a job whose worker died goes to the next worker
        print_batch.enqueue(lost)
    run_print_job(job_id)


@task()
def render_pdfs(certificate_ids: list[int], public_url: str = "") -> None:
    """Render and store the PDFs of these certificates that are missing or out of date (services.queue_pdf_rendering,
    manage.py render_certificates); those already stored are left as they are."""
    store_missing_pdfs(Certificate.objects.filter(pk__in=certificate_ids), public_url)
