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


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0"}
    result = subprocess.run([sys.executable, "-c", "import ocop.settings"], env=env, capture_output=True,
                            text=True, cwd=settings.BASE_DIR)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    env["DEBUG"] = "1"
    assert subprocess.run([sys.executable, "-c", "import ocop.settings"], env=env, cwd=settings.BASE_DIR).returncode == 0
