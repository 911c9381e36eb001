"""Security settings seen from outside: the Content-Security-Policy on every page, the language cookie."""

import re

import pytest
from django.urls import reverse

from certificates.models import PrintJob

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
