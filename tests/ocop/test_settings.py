"""Security settings seen from outside: the Content-Security-Policy on every page, the language cookie."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.urls import reverse

from certificates.models import PrintJob
from products.models import DossierDocument

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b[^>]*>", re.I)
STYLE_OR_HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\s(style|on[a-z]+)\s*=", re.I)


def csp(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def assert_page_keeps_to_the_policy(response):
    assert response.status_code == 200, response
    policy = csp(response)
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert policy[directive][0] == "'self'" and "'unsafe-inline'" not in policy[directive]
    html = response.content.decode()
    nonces = {value for value in policy["script-src"] + policy["style-src"] if value.startswith("'nonce-")}
    for tag in INLINE_SCRIPT.findall(html) + INLINE_STYLE.findall(html):
        assert any(f'nonce="{nonce[7:-1]}"' in tag for nonce in nonces), f"inline code without the nonce: {tag}"
    assert not STYLE_OR_HANDLER_ATTRIBUTE.search(html), STYLE_OR_HANDLER_ATTRIBUTE.search(html).group(0)


@pytest.fixture
def print_job(login, decided_round, official_user, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        login(official_user).post(reverse("certificates:print"), {"round": decided_round.pk})
    return PrintJob.objects.get()


def test_csp_header_on_every_page(client, login, decided_round, make_round, producer_user, staff_user,
                                  official_user, admin_user, print_job):
    recognised = decided_round.enrolments.first().product
    certificate = recognised.certificates.first()
    pages = {
        None: [reverse("home"), reverse("products:registry"), reverse("products:detail", args=[recognised.pk]),
               reverse("login"), reverse("certificates:verify_search"),
               reverse("certificates:verify", args=[certificate.number]), reverse("accounts:password_reset")],
        producer_user: [reverse("portal:dashboard"), reverse("products:mine"), reverse("certificates:list")],
        staff_user: [reverse("portal:dashboard"), reverse("evaluation:rounds"),
                     reverse("evaluation:round", args=[decided_round.pk]),
                     reverse("evaluation:scores", args=[make_round(number=2).pk]),
                     reverse("evaluation:report", args=[decided_round.pk]),
                     reverse("evaluation:report_print", args=[decided_round.pk]),
                     reverse("products:product", args=[recognised.pk]), reverse("products:queue"),
                     reverse("accounts:invite")],
        official_user: [reverse("certificates:list"), reverse("certificates:job", args=[print_job.pk])],
        admin_user: [reverse("admin:index"), reverse("admin:products_product_changelist"),
                     reverse("admin:products_product_change", args=[recognised.pk])],
    }
    for user, urls in pages.items():
        client.logout()
        if user is not None:
            login(user)
        for url in urls:
            assert_page_keeps_to_the_policy(client.get(url))


def test_language_cookie_is_secure_in_production(client):
    """The tests run with DEBUG off, as in production."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def run_with_settings(env: dict, code: str) -> str:
    """Run `code` after django.setup() with the real settings and `env`; what it prints."""
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "ocop.settings", "SECRET_KEY": "x", **env}
    done = subprocess.run([sys.executable, "-c", f"import django; django.setup()\n{code}"], env=env,
                          capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_private_files_use_the_private_storage():
    for model in (DossierDocument, PrintJob):
        assert model._meta.get_field("file").storage is storages["private"]
    assert storages["private"].location == str(settings.PRIVATE_MEDIA_ROOT)


def test_object_storage_is_configuration_only():
    """OCOP_STORAGE=s3: photos, dossier files and batch PDFs go to the bucket (no file reaches the disk), private
    ones under private/ with signed, short-lived addresses; the photos' address is allowed by the CSP."""
    printed = run_with_settings({
        "OCOP_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "ocop", "AWS_S3_ENDPOINT_URL": "https://s3.example.vn",
        "AWS_ACCESS_KEY_ID": "key", "AWS_SECRET_ACCESS_KEY": "secret",
    }, """
from django.conf import settings
from certificates.models import PrintJob
from products.models import DossierDocument, Product
for field in (Product._meta.get_field("photo"), DossierDocument._meta.get_field("file"),
              PrintJob._meta.get_field("file")):
    storage = field.storage
    where = (storage.bucket_name, storage.location, storage.querystring_auth)
    print(type(getattr(storage, "_wrapped", storage)).__name__, *where)  # photos: default_storage, a lazy object
print(settings.SECURE_CSP["img-src"][1])
""")
    assert printed.splitlines() == ["S3Storage ocop media False", "S3Storage ocop private True",
                                    "S3Storage ocop private True", "https://s3.example.vn"]


def test_connection_pool_serves_queries(db):
    """DATABASE_POOL_MAX_SIZE turns on psycopg's pool (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is PostgreSQL's")
    db_settings = connection.settings_dict
    url = (f"postgres://{db_settings['USER']}:{db_settings['PASSWORD']}@{db_settings['HOST'] or '127.0.0.1'}:"
           f"{db_settings['PORT'] or 5432}/{db_settings['NAME']}")
    printed = run_with_settings({"DATABASE_URL": url, "DATABASE_POOL_MAX_SIZE": "2"}, """
from django.db import connection
from geo.models import Province
Province.objects.count()
print(type(connection.pool).__name__, connection.pool.max_size, connection.settings_dict["CONN_MAX_AGE"])
""")
    assert printed == "ConnectionPool 2 0"
