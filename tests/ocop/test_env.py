import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ocop.env import database_from_url, env_bool, env_int


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False), ("", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG") is expected


def test_env_bool_refuses_a_bad_value(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_env_int_refuses_a_bad_value(monkeypatch):
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)


def test_database_url_is_parsed():
    db = database_from_url("postgres://ocop:s%40cret@db.example:5433/ocop_prod?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "ocop_prod", "ocop", "s@cret", "db.example", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://root@localhost/ocop", "postgres://postgres@127.0.0.1:5432/"])
def test_database_url_refuses_what_we_do_not_run(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)


def test_settings_are_vietnamese_first():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.DEBUG is False


def test_without_a_secret_key_the_app_does_not_serve_but_checks_run():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "ocop.settings"}

    def run(code):
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              cwd=settings.BASE_DIR)

    served = run("import ocop.wsgi")
    assert served.returncode != 0 and "SECRET_KEY must be set" in served.stderr
    signing = run("import django; django.setup(); from django.conf import settings; settings.SECRET_KEY")
    assert signing.returncode != 0 and "SECRET_KEY setting must not be empty" in signing.stderr
    assert run("import django; django.setup(); from django.core.management import call_command; "
               "call_command('check')").returncode == 0
    env["DEBUG"] = "1"
    assert run("import ocop.wsgi").returncode == 0
