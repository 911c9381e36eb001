"""Thin task wrappers: take ids, fetch, call the function that does the work."""

from django.tasks import task

from certificates.batches import recover_abandoned_jobs, run_print_job


@task()
def print_batch(job_id: str) -> None:
    for lost in recover_abandoned_jobs():  # a job whose worker died goes to the next worker
        print_batch.enqueue(lost)
    run_print_job(job_id)
