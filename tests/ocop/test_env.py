import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ocop.env import (
    caches_from_env,
    database_from_url,
    database_pool_from_env,
    env_bool,
    env_int,
    public_media_origin,
    replica_from_env,
    storages_from_env,
)


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


S3_VARIABLES = ["OCOP_STORAGE", "AWS_STORAGE_BUCKET_NAME", "AWS_PRIVATE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL",
                "AWS_S3_CUSTOM_DOMAIN", "AWS_S3_REGION_NAME", "AWS_S3_ADDRESSING_STYLE"]


@pytest.fixture
def clean_env(monkeypatch):
    for name in [*S3_VARIABLES, "REDIS_URL", "CACHE_KEY_PREFIX", "DATABASE_POOL_MAX_SIZE", "DATABASE_POOL_MIN_SIZE",
                 "DATABASE_POOL_TIMEOUT", "DATABASE_REPLICA_URL"]:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_storages_are_this_machines_folders_by_default(clean_env):
    storages = storages_from_env("/srv/ocop/private")
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # MEDIA_ROOT
    assert storages["private"] == {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                   "OPTIONS": {"location": "/srv/ocop/private"}}
    assert public_media_origin(storages) is None


def test_storages_in_an_s3_bucket_keep_private_files_private(clean_env):
    clean_env.setenv("OCOP_STORAGE", "s3")
    clean_env.setenv("AWS_STORAGE_BUCKET_NAME", "ocop")
    clean_env.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.vn")
    clean_env.setenv("AWS_S3_REGION_NAME", "hn-1")
    storages = storages_from_env("/unused")
    common = {"endpoint_url": "https://s3.example.vn", "region_name": "hn-1", "file_overwrite": False}
    assert storages["default"] == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        **common, "bucket_name": "ocop", "location": "media", "querystring_auth": False}}
    assert storages["private"] == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        **common, "bucket_name": "ocop", "location": "private", "default_acl": "private", "querystring_auth": True,
        "querystring_expire": 300}}
    assert public_media_origin(storages) == "https://s3.example.vn"
    clean_env.setenv("AWS_PRIVATE_BUCKET_NAME", "ocop-private")
    clean_env.setenv("AWS_S3_ADDRESSING_STYLE", "virtual")
    storages = storages_from_env("/unused")
    assert storages["private"]["OPTIONS"]["bucket_name"] == "ocop-private"
    assert public_media_origin(storages) == "https://ocop.s3.example.vn"
    clean_env.setenv("AWS_S3_CUSTOM_DOMAIN", "anh.ocop.example.vn")
    assert public_media_origin(storages_from_env("/unused")) == "https://anh.ocop.example.vn"


@pytest.mark.parametrize("variables", [
    {"OCOP_STORAGE": "ftp"},
    {"OCOP_STORAGE": "s3", "AWS_S3_ENDPOINT_URL": "https://s3.example.vn"},  # no bucket
    {"OCOP_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "ocop"},  # nowhere to send or show files
])
def test_storages_refuse_an_incomplete_configuration(clean_env, variables):
    for name, value in variables.items():
        clean_env.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match="OCOP_STORAGE"):
        storages_from_env("/unused")


def test_cache_is_each_processs_memory_without_redis(clean_env):
    assert caches_from_env()["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_is_redis_when_redis_url_is_set(clean_env):
    clean_env.setenv("REDIS_URL", "redis://cache.example.vn:6379/1")
    cache = caches_from_env()["default"]
    assert (cache["BACKEND"], cache["LOCATION"], cache["KEY_PREFIX"]) == (
        "django.core.cache.backends.redis.RedisCache", "redis://cache.example.vn:6379/1", "ocop")
    clean_env.setenv("REDIS_URL", "memcached://cache.example.vn")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        caches_from_env()


def test_connection_pool_is_off_unless_asked_for(clean_env):
    db = database_from_url("postgres://ocop@db.example.vn/ocop")
    assert database_pool_from_env(db) == db and "pool" not in db["OPTIONS"] and db["CONN_MAX_AGE"] == 60


def test_connection_pool_replaces_persistent_connections(clean_env):
    clean_env.setenv("DATABASE_POOL_MAX_SIZE", "8")
    db = database_pool_from_env(database_from_url("postgres://ocop@db.example.vn/ocop?sslmode=require"))
    assert db["OPTIONS"] == {"sslmode": "require", "pool": {"min_size": 2, "max_size": 8, "timeout": 10}}
    assert db["CONN_MAX_AGE"] == 0  # Django refuses persistent connections with a pool
    clean_env.setenv("DATABASE_POOL_MIN_SIZE", "9")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL_MIN_SIZE"):
        database_pool_from_env(database_from_url("postgres://ocop@db.example.vn/ocop"))


def test_replica_is_read_from_its_own_url_with_the_same_pool(clean_env):
    assert replica_from_env(database_from_url("postgres://ocop@db.example.vn/ocop")) is None
    clean_env.setenv("DATABASE_REPLICA_URL", "postgres://ocop@replica.example.vn/ocop")
    clean_env.setenv("DATABASE_POOL_MAX_SIZE", "4")
    replica = replica_from_env(database_from_url("postgres://ocop@db.example.vn/ocop"))
    assert (replica["HOST"], replica["OPTIONS"]["pool"]["max_size"]) == ("replica.example.vn", 4)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        replica_from_env({"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"})
