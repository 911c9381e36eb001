"""Settings for the OCOP registry, read from the environment (see README.md)."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ocop.env import database_from_url, env_bool, env_int, env_list, env_str

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
    "axes",
    "ocop",
    "geo",
    "accounts",
    "products",
    "evaluation",
    "certificates",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "ocop.context_processors.site",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": database_from_url(_database_url)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.RoleBackend"]
# Login throttling (django-axes): 5 failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
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
# Files served only through views that check permission (batch PDFs), never as public media.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))

# Background tasks (batch printing): Django's tasks framework, database-backed worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Uploads: Django keeps bodies above this in temporary files; our validators set the real limits.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
OCOP_PHOTO_MAX_BYTES = env_int("OCOP_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
OCOP_PHOTO_MAX_PIXELS = env_int("OCOP_PHOTO_MAX_PIXELS", 25_000_000)

# The province this deployment issues for, shown in the header to visitors who are not scoped.
OCOP_ISSUING_PROVINCE = env_str("OCOP_ISSUING_PROVINCE", "Lai Châu")
OCOP_PAGE_SIZE = env_int("OCOP_PAGE_SIZE", 20)
# Public address printed in certificates' QR codes (the verification page lives under it).
OCOP_PUBLIC_URL = env_str("OCOP_PUBLIC_URL", "http://127.0.0.1:8000")

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
X_FRAME_OPTIONS = "DENY"

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
