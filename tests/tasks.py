"""A task for the tests of several task workers (tests/ocop/test_task_workers.py): it notes which worker ran it."""

import time
from pathlib import Path

from django.tasks import task

WAIT_FOR_THE_OTHER_WORKER = 20  # seconds at most


@task(takes_context=True)
def note_run(context, notes: str, number: int) -> None:
    """Append "<number> <worker id>" to the file `notes`. Until a second worker has noted a run, wait (at most
    WAIT_FOR_THE_OTHER_WORKER seconds): whichever worker starts first cannot empty the queue alone, so the test sees
    both workers take jobs from it at the same time."""
    worker = context.task_result.worker_ids[-1]
    path = Path(notes)
    with path.open("a") as fh:  # one short line per write, appended: lines of two processes never mix
        fh.write(f"{number} {worker}\n")
    deadline = time.monotonic() + WAIT_FOR_THE_OTHER_WORKER
    while time.monotonic() < deadline:
        if len({line.split()[1] for line in path.read_text().splitlines()}) > 1:
            return
        time.sleep(0.05)
