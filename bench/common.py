"""What the benchmark scripts share: a median of timed runs, and a scratch database for one run."""

import os
import statistics
import time
from contextlib import contextmanager


def timed(fn):
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def median_time(fn, runs):
    """The median time of `runs` calls of `fn`, in seconds."""
    return statistics.median(timed(fn)[0] for _ in range(runs))


@contextmanager
def scratch_database(postgres: str | None, name: str, workdir: str):
    """A database of its own for one run: on the PostgreSQL server `postgres` (created, then dropped), else a
    SQLite file in `workdir`. DATABASE_URL or SQLITE_PATH is set for Django, which the body sets up."""
    if not postgres:
        os.environ["SQLITE_PATH"] = os.path.join(workdir, "bench.sqlite3")
        os.environ.pop("DATABASE_URL", None)
        yield
        return
    import psycopg  # noqa: PLC0415 — only for a PostgreSQL run

    database = f"{name}_{os.getpid()}"
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{database}"')
    os.environ["DATABASE_URL"] = f"{postgres}/{database}"
    try:
        yield
    finally:
        from django.db import connections  # noqa: PLC0415 — Django was set up in the body

        connections.close_all()
        with psycopg.connect(f"{postgres}/postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
