"""Run requests from several threads at the same moment, each on its own database connection.

Tests using this need `django_db(transaction=True, serialized_rollback=True)`: each thread commits on its own
connection, and the rules loaded by migrations are restored afterwards."""

import threading

from django.db import connections
from django.test import Client


def at_once(*posts) -> list[int]:
    """Each of `posts` is (user, url, data); all are POSTed at the same moment. The status codes, in order."""
    barrier, statuses = threading.Barrier(len(posts)), [None] * len(posts)

    def submit(index, user, url, data):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        barrier.wait()
        try:
            statuses[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def submit_at_once(user, url, data, times=4) -> list[int]:
    """The same POST `times` times at the same moment (a double click, two tabs)."""
    return at_once(*[(user, url, data)] * times)


def run_at_once(*calls) -> list:
    """Each of `calls` (a function of no arguments: a job, a command) runs at the same moment, in its own thread
    and database connection. Their results, in order; the first exception is raised again."""
    barrier, results, errors = threading.Barrier(len(calls)), [None] * len(calls), []

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # handed to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
