"""Settings for the OCOP registry, read from the environment (see README.md)."""

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ocop.env import (
    caches_from_env,
    database_from_url,
    database_pool_from_env,
    env_bool,
    env_int,
    env_list,
    env_str,
    public_media_origin,
    replica_from_env,
    storages_from_env,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# No default key unless DEBUG is on. With DEBUG off and no SECRET_KEY, commands that need no key (check,
# makemigrations, migrate) still run; serving refuses to start (ocop/wsgi.py, asgi.py), and anything that
# signs (sessions, CSRF, tokens) raises Django's "SECRET_KEY setting must not be empty".
SECRET_KEY = env_str("SECRET_KEY") or ("dev-only-insecure-key-do-not-use-in-production" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "ninja",  # its Swagger UI from its static files, not a CDN (opendata/api.py)
    "axes",
    "ocop",
    "geo",
    "accounts",
    "products",
    "evaluation",
    "certificates",
    "exchange",
    "opendata",
    "stats",
    "programme",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop.middleware.VietnameseFirstLocaleMiddleware",
    "opendata.middleware.PublicApiMiddleware",  # /api/: CORS, rate limit, JSON errors (before NUL bytes' 400 page)
    "django.middleware.common.CommonMiddleware",
    "ocop.middleware.RefuseNulBytesMiddleware",
    "ocop.public_url.PublicUrlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "ocop.replica.ReadReplicaMiddleware",
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "ocop.context_processors.site",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    # DATABASE_POOL_MAX_SIZE > 0: psycopg's connection pool in each process (README, "Running on more than one
    # machine"); DATABASE_REPLICA_URL: public read-only pages read from a replica (ocop/replica.py).
    DATABASES = {"default": database_pool_from_env(database_from_url(_database_url))}
    _replica = replica_from_env(DATABASES["default"])
    if _replica:
        DATABASES["replica"] = _replica
else:
    # SQLite for a newcomer's install, made to survive a council typing at once: write-ahead logging (readers
    # never block the writer), a 20 s wait for the write lock instead of "database is locked", and write
    # transactions that take the lock when they begin (IMMEDIATE), so two writers queue instead of deadlocking.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
            },
        }
    }
DATABASE_ROUTERS = ["ocop.replica.ReadOnlyPagesRouter"]
OCOP_READ_REPLICA = "replica" in DATABASES
# After a POST, the visitor reads the primary for this long: the page after a change shows it.
OCOP_REPLICA_PIN_SECONDS = env_int("OCOP_REPLICA_PIN_SECONDS", 15)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The audit history's change reason holds legal text (revocations, corrections, cancellations): no length limit.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.RoleBackend"]
# Login throttling (django-axes): 5 failures for one username from one address lock it for 15 minutes; 20 failures
# from one address across usernames lock the address (accounts/throttling.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.throttling.AddressThrottlingHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600  # invitation and reset links are valid for 7 days
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["ocop.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files served only through views that check permission (dossier files, batch PDFs), never as public media.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
# Public media in storages["default"], private files in storages["private"]: this machine's disk (the two folders
# above) unless OCOP_STORAGE=s3 (an S3-compatible bucket, for several app servers and workers).
STORAGES = storages_from_env(PRIVATE_MEDIA_ROOT)

# Redis shared by every server and worker when REDIS_URL is set, else each process's memory.
CACHES = caches_from_env()
# The home page's counts are computed at most once in this many seconds (and again each new day).
OCOP_PUBLIC_COUNTS_SECONDS = env_int("OCOP_PUBLIC_COUNTS_SECONDS", 60)
# Public pages (home, registry, product pages, verification) are kept whole for visitors who are not logged in, at
# most this many seconds, and renewed at once when a certificate, product or producer changes (ocop/page_cache.py).
# 0 turns it off.
OCOP_PUBLIC_PAGE_SECONDS = env_int("OCOP_PUBLIC_PAGE_SECONDS", 60)

# Background tasks (batch printing): Django's tasks framework, database-backed worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A print job's worker renews its lease at every step (16 certificates, well under a second; writing the PDF,
# a few seconds per thousand pages). A job not renewed for this long lost its worker: retried once, then failed.
OCOP_PRINT_JOB_LEASE_SECONDS = env_int("OCOP_PRINT_JOB_LEASE_SECONDS", 120)

# Uploads: Django keeps bodies above this in temporary files; our validators set the real limits.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
OCOP_PHOTO_MAX_BYTES = env_int("OCOP_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
OCOP_PHOTO_MAX_PIXELS = env_int("OCOP_PHOTO_MAX_PIXELS", 25_000_000)
# Spreadsheet imports (exchange): a file above this is refused before it is read. 10,000 score rows are ~0.5 MB.
OCOP_IMPORT_MAX_BYTES = env_int("OCOP_IMPORT_MAX_BYTES", 10 * 1024 * 1024)

# The public API (/api/v1/): at most OCOP_API_RATE_LIMIT requests per client address in each window of
# OCOP_API_RATE_WINDOW seconds (0: no limit), counted in the shared cache; then 429 with Retry-After.
OCOP_API_RATE_LIMIT = env_int("OCOP_API_RATE_LIMIT", 120)
OCOP_API_RATE_WINDOW = env_int("OCOP_API_RATE_WINDOW", 60)
OCOP_BEHIND_PROXY = env_bool("BEHIND_PROXY", False)

# The province this deployment issues for, shown in the header to visitors who are not scoped.
OCOP_ISSUING_PROVINCE = env_str("OCOP_ISSUING_PROVINCE", "Lai Châu")
OCOP_PAGE_SIZE = env_int("OCOP_PAGE_SIZE", 20)
# Public address printed in certificates' QR codes and e-mailed links (ocop/public_url.py). Unset: the address each
# request was served at; work without a request uses the address recorded by the request that asked for it.
OCOP_PUBLIC_URL = env_str("OCOP_PUBLIC_URL", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
if env_bool("BEHIND_PROXY", False):  # the client's address, for login throttling, is the one the proxy saw
    AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_address"
X_FRAME_OPTIONS = "DENY"
_media_origin = public_media_origin(STORAGES)  # photos in object storage are shown from the bucket's address
# Content-Security-Policy on every response: scripts, styles, images, fonts and fetches from this site only; no
# inline script or style (ours live in static/), except those carrying the per-response nonce (the back office's);
# no plugins, no <base>, forms post only here, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, _media_origin] if _media_origin else [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The language cookie (set by the EN/VI switch): sent over HTTPS only in production, never read by scripts.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Mail: the console by default; EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend with
# EMAIL_FILE_PATH writes files; SMTP with EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
_mail_options = {}
if env_str("EMAIL_FILE_PATH"):
    _mail_options["file_path"] = env_str("EMAIL_FILE_PATH")
for _key, _option in [("EMAIL_HOST", "host"), ("EMAIL_HOST_USER", "username"), ("EMAIL_HOST_PASSWORD", "password")]:
    if env_str(_key):
        _mail_options[_option] = env_str(_key)
if env_str("EMAIL_PORT"):
    _mail_options["port"] = env_int("EMAIL_PORT", 587)
if env_str("EMAIL_USE_TLS"):
    _mail_options["use_tls"] = env_bool("EMAIL_USE_TLS")
MAILERS = {"default": {"BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
                       "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ocop@localhost")

# One console handler, on the root logger. Django's own "django" logger has a console handler too (shown when
# DEBUG is on), so every warning went out twice: it keeps no handler here and passes its records up. A refused
# request (4xx) is logged on one line; server errors keep their traceback (ocop/log.py). Configuring "django"
# resets its children, so runserver's access log ("django.server") is declared again as Django declares it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"()": "ocop.log.OneLineClientErrors", "format": "%(levelname)s %(name)s %(message)s"},
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}",
                          "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "level": "INFO"},
    },
    "loggers": {
        "django": {"handlers": [], "level": env_str("LOG_LEVEL", "WARNING"), "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
