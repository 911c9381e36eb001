"""A refused request is logged once, on one line; a server error keeps its traceback."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from products.views import HomeView


def written(record):
    """What the configured handlers write for `record`, following the logger tree as logging does (pytest's
    own capturing handlers left out)."""
    lines = []
    logger = logging.getLogger(record.name)
    while logger is not None:
        for handler in logger.handlers:
            if type(handler).__module__.startswith("_pytest"):
                continue
            if record.levelno >= handler.level and handler.filter(record):
                lines.append(handler.format(record))
        logger = logger.parent if logger.propagate else None
    return lines


def response_records(caplog, status):
    return [r for r in caplog.records if getattr(r, "status_code", None) == status]


@pytest.mark.parametrize("debug", [True, False])
def test_defect_11_a_403_logs_one_line_without_traceback(login, official_user, settings, caplog, debug):
    settings.DEBUG = debug  # Django's own console handler writes only when DEBUG is on
    with caplog.at_level(logging.WARNING):
        response = login(official_user).get(reverse("accounts:invite"))
    assert response.status_code == 403
    [record] = response_records(caplog, 403)
    assert written(record) == ["WARNING django.request Forbidden (Permission denied): /accounts/invite/"]


def test_a_404_logs_one_line_without_traceback(client, db, settings, caplog):
    settings.DEBUG = True
    with caplog.at_level(logging.WARNING):
        assert client.get(reverse("products:detail", args=[999999])).status_code == 404
    [record] = response_records(caplog, 404)
    assert written(record) == ["WARNING django.request Not Found: /products/999999/"]


def test_a_server_error_keeps_its_traceback(db, monkeypatch, caplog):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(HomeView, "get", broken)
    with caplog.at_level(logging.WARNING):
        assert Client(raise_request_exception=False).get(reverse("home")).status_code == 500
    [record] = response_records(caplog, 500)
    [line] = written(record)
    assert line.startswith("ERROR django.request Internal Server Error: /\nTraceback")
    assert "RuntimeError: injected fault" in line


def test_the_development_servers_access_log_keeps_its_own_lines():
    logger = logging.getLogger("django.server")
    record = logger.makeRecord("django.server", logging.INFO, __file__, 1, '"GET / HTTP/1.1" 200 10', (), None,
                               extra={"status_code": 200, "server_time": "24/Nov/2026 16:00:00"})
    assert logger.isEnabledFor(logging.INFO)
    assert written(record) == ['[24/Nov/2026 16:00:00] "GET / HTTP/1.1" 200 10']
