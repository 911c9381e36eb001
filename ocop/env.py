"""Strict readers for settings that come from the environment: a bad value stops start-up."""

import os
from urllib.parse import parse_qsl, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}.") from None


def require_secret_key() -> None:
    """Called where the app starts serving: never serve without a real key."""
    if not getattr(settings, "_wrapped", None) or not settings._wrapped.SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for development).")


def database_from_url(url: str) -> dict:
    """Django DATABASES entry for a ``postgres://user:pass@host:port/name?opt=v`` URL."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"DATABASE_URL must be a postgres:// URL; got scheme {parts.scheme!r}.")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL must name a database, e.g. postgres://postgres@127.0.0.1:5432/ocop.")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def database_pool_from_env(database: dict) -> dict:
    """Turn on psycopg's connection pool (Django's "pool" option for PostgreSQL) when DATABASE_POOL_MAX_SIZE is a
    positive number: each process (a gunicorn worker, a task worker) keeps up to that many connections open and
    lends them to requests, instead of connecting for each. Pooled connections are not persistent ones: Django
    requires CONN_MAX_AGE = 0 with the pool (the pool checks its connections itself)."""
    max_size = env_int("DATABASE_POOL_MAX_SIZE", 0)
    if max_size <= 0:
        return database
    min_size = env_int("DATABASE_POOL_MIN_SIZE", min(2, max_size))
    if not 0 <= min_size <= max_size:
        raise ImproperlyConfigured(f"DATABASE_POOL_MIN_SIZE must be between 0 and DATABASE_POOL_MAX_SIZE "
                                   f"({max_size}); got {min_size}.")
    pool = {"min_size": min_size, "max_size": max_size, "timeout": env_int("DATABASE_POOL_TIMEOUT", 10)}
    return {**database, "OPTIONS": {**database["OPTIONS"], "pool": pool}, "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False}


REDIS_SCHEMES = {"redis", "rediss", "unix"}


def caches_from_env() -> dict:
    """Django's CACHES: Redis shared by every app server and worker when REDIS_URL is set (Django's own
    RedisCache), else each process's memory. The cache never holds the only copy of anything: an unreachable Redis
    costs speed (ocop.cache.remember computes instead), never data."""
    url = env_str("REDIS_URL")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ocop"}}
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(f"REDIS_URL must be a redis://, rediss:// or unix:// URL; got {url!r}.")
    return {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ocop"),
        # A Redis that does not answer is given up quickly: the page is computed instead of waiting.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}


FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"


def storages_from_env(private_media_root) -> dict:
    """Django's STORAGES. "default" holds the public media (product photos), "private" what only views that check
    who asks may serve (dossier files, certificate and batch PDFs). On this machine's disk (MEDIA_ROOT,
    PRIVATE_MEDIA_ROOT) unless OCOP_STORAGE=s3: then in an S3-compatible bucket through django-storages, public
    media under `media/`, private files under `private/` (of AWS_PRIVATE_BUCKET_NAME if set), never given a public
    URL. Credentials are read by django-storages from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, never kept here."""
    kind = (env_str("OCOP_STORAGE", "local") or "local").strip().lower()
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if kind == "local":
        return {"default": {"BACKEND": FILE_SYSTEM_STORAGE},  # MEDIA_ROOT and MEDIA_URL
                "private": {"BACKEND": FILE_SYSTEM_STORAGE, "OPTIONS": {"location": str(private_media_root)}},
                "staticfiles": static}
    if kind != "s3":
        raise ImproperlyConfigured(f"OCOP_STORAGE must be local or s3; got {kind!r}.")
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("OCOP_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    if not (env_str("AWS_S3_ENDPOINT_URL") or env_str("AWS_S3_CUSTOM_DOMAIN")):
        raise ImproperlyConfigured("OCOP_STORAGE=s3 needs AWS_S3_ENDPOINT_URL (the storage's address, e.g. "
                                   "https://s3.example.vn) or AWS_S3_CUSTOM_DOMAIN (where the public media are "
                                   "served).")
    common = {"file_overwrite": False}  # names are random; never replace a stored file
    for name, option in [("AWS_S3_ENDPOINT_URL", "endpoint_url"), ("AWS_S3_REGION_NAME", "region_name"),
                         ("AWS_S3_ADDRESSING_STYLE", "addressing_style")]:
        if env_str(name):
            common[option] = env_str(name)
    public = {**common, "bucket_name": bucket, "location": "media", "querystring_auth": False}
    if env_str("AWS_S3_CUSTOM_DOMAIN"):
        public["custom_domain"] = env_str("AWS_S3_CUSTOM_DOMAIN")
    private = {**common, "bucket_name": env_str("AWS_PRIVATE_BUCKET_NAME") or bucket, "location": "private",
               "default_acl": "private", "querystring_auth": True, "querystring_expire": 300}
    return {"default": {"BACKEND": S3_STORAGE, "OPTIONS": public},
            "private": {"BACKEND": S3_STORAGE, "OPTIONS": private},
            "staticfiles": static}


def public_media_origin(storages: dict) -> str | None:
    """Where the browser fetches public media from when they are not on this site (object storage), for the
    Content-Security-Policy's img-src; None when they are served here."""
    options = storages["default"].get("OPTIONS", {})
    if storages["default"]["BACKEND"] != S3_STORAGE:
        return None
    if options.get("custom_domain"):
        return f"https://{options['custom_domain']}"
    endpoint = urlsplit(options["endpoint_url"])
    if options.get("addressing_style") == "virtual":
        return f"{endpoint.scheme}://{options['bucket_name']}.{endpoint.netloc}"
    return f"{endpoint.scheme}://{endpoint.netloc}"


def replica_from_env(database: dict) -> dict | None:
    """The read replica's DATABASES entry when DATABASE_REPLICA_URL is set: read by public pages only
    (ocop.replica), never migrated or written. It shares the primary's pool settings."""
    url = env_str("DATABASE_REPLICA_URL")
    if not url:
        return None
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL: a replica of PostgreSQL only.")
    return database_pool_from_env(database_from_url(url))
