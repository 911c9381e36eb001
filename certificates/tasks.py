"""Thin task wrappers: take ids, fetch, call the function that does the work."""

from django.tasks import task

from certificates.batches import run_print_job


@task()
def print_batch(job_id: str) -> None:
    run_print_job(job_id)
