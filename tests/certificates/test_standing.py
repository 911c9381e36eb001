"""A product's standing on any day: one answer, the same on every page, from its certificates only."""

import datetime
import re
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from certificates.enums import CertificateState
from certificates.models import Certificate
from certificates.services import expire_certificates, revoke_certificate
from certificates.standing import annotate_recognised, annotate_standing, standing_of
from products.enums import Standing
from products.models import Product
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory, recognise, tea_group

D = datetime.date


@pytest.fixture
def tea(lai_chau):
    """Recognised at 4★ on 10/06/2026 (QĐ 26/2026): valid until 09/06/2029."""
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau), name="HTX Chè Tả Lèng")
    product = ProductFactory(producer=producer, name="Chè Tả Lèng", group=tea_group("2026"))
    recognise(product, stars=4, signed_on=D(2026, 6, 10))
    return product


def seen_everywhere(client, product, owner, day):
    """What each page says of `product` on `day`: registry, search, filters, home count, product page, the
    producer's dashboard and the verification page."""
    with time_machine.travel(day, tick=False):
        listed = {p.pk for p in client.get(reverse("products:registry")).context["products"]}
        searched = {p.pk for p in client.get(reverse("products:registry"), {"q": "che ta leng"}).context["products"]}
        by_stars = {p.pk for p in client.get(reverse("products:registry"), {"stars": "4"}).context["products"]}
        home = client.get(reverse("home")).context["recognised_count"]
        page = client.get(product.get_absolute_url())
        certificate = product.certificates.order_by("-in_force_from", "-pk").first()
        verify = client.get(reverse("certificates:verify", args=[certificate.number])).content.decode()
        client.force_login(owner)
        dashboard = client.get(reverse("portal:dashboard")).context["items"][0]
        client.logout()
        return {
            "listed": product.pk in listed, "searched": product.pk in searched, "four_stars": product.pk in by_stars,
            "home": home, "page": page.status_code, "page_says_ocop": "Sản phẩm OCOP 4 sao" in page.content.decode(),
            "dashboard": dashboard["product"].standing, "verify_valid": "Giấy chứng nhận còn hiệu lực" in verify,
            "standing": standing_of(product, day).code,
        }


def test_every_page_agrees_across_the_last_day_of_a_certificate(client, tea):
    owner = UserFactory(username="taleng", role=Role.PRODUCER, producer=tea.producer)
    last_day = seen_everywhere(client, tea, owner, D(2029, 6, 9))
    assert last_day == {"listed": True, "searched": True, "four_stars": True, "home": 1, "page": 200,
                        "page_says_ocop": True, "dashboard": Standing.RECOGNISED, "verify_valid": True,
                        "standing": Standing.RECOGNISED}
    day_after = seen_everywhere(client, tea, owner, D(2029, 6, 10))
    assert day_after == {"listed": False, "searched": False, "four_stars": False, "home": 0, "page": 200,
                         "page_says_ocop": False, "dashboard": Standing.EXPIRED, "verify_valid": False,
                         "standing": Standing.EXPIRED}
    with time_machine.travel(D(2029, 6, 10), tick=False):
        assert tea.pk in {p.pk for p in client.get(reverse("products:registry"), {"standing": "lapsed"})
                          .context["products"]}


def test_every_page_agrees_after_a_revocation(client, tea, official_user):
    owner = UserFactory(username="taleng", role=Role.PRODUCER, producer=tea.producer)
    with time_machine.travel(D(2026, 9, 1), tick=False):
        revoke_certificate(tea.certificates.get(), reason="Vi phạm ghi nhãn", actor=official_user)
    before = seen_everywhere(client, tea, owner, D(2026, 8, 31))
    assert before["listed"] and before["standing"] == Standing.RECOGNISED and before["verify_valid"]
    after = seen_everywhere(client, tea, owner, D(2026, 9, 1))
    assert after == {"listed": False, "searched": False, "four_stars": False, "home": 0, "page": 200,
                     "page_says_ocop": False, "dashboard": Standing.REVOKED, "verify_valid": False,
                     "standing": Standing.REVOKED}
    with time_machine.travel(D(2026, 9, 1), tick=False):
        page = client.get(tea.get_absolute_url()).content.decode()
        assert "đã bị thu hồi ngày 01/09/2026" in page and "Vi phạm ghi nhãn" in page
        assert "đã bị thu hồi" in client.get(reverse("certificates:verify",
                                                     args=[tea.certificates.get().number])).content.decode()


def test_a_renewal_supersedes_and_the_product_follows_its_successor(client, tea, lai_chau):
    owner = UserFactory(username="taleng", role=Role.PRODUCER, producer=tea.producer)
    with time_machine.travel(D(2029, 5, 1), tick=False):
        recognise(tea, stars=3, signed_on=D(2029, 5, 1))  # renewed at 3★ before the 4★ expired
    old, new = tea.certificates.order_by("in_force_from")
    assert (old.state, old.superseded_by, old.ended_on) == (CertificateState.SUPERSEDED, new, D(2029, 5, 1))
    assert standing_of(tea, D(2029, 4, 30)).stars == 4
    on_renewal = standing_of(tea, D(2029, 5, 1))
    assert (on_renewal.code, on_renewal.stars, on_renewal.until) == (Standing.RECOGNISED, 3, D(2032, 4, 30))
    later = seen_everywhere(client, tea, owner, D(2029, 7, 1))  # after the old one's last day
    assert later["listed"] and not later["four_stars"] and later["standing"] == Standing.RECOGNISED
    assert later["dashboard"] == Standing.RECOGNISED


def test_a_renewal_never_supersedes_an_expired_certificate(tea):
    with time_machine.travel(D(2029, 9, 1), tick=False):
        recognise(tea, stars=4, signed_on=D(2029, 9, 1))
    old = tea.certificates.order_by("in_force_from").first()
    assert old.state == CertificateState.VALID and old.ended_on is None  # it expired on 09/06/2029, as it was
    assert old.state_on(D(2029, 9, 1)) == CertificateState.EXPIRED
    assert standing_of(tea, D(2029, 8, 1)).code == Standing.EXPIRED
    assert standing_of(tea, D(2029, 9, 1)).code == Standing.RECOGNISED


def test_the_sql_annotation_and_the_python_state_agree_on_every_boundary(tea, official_user):
    """Certificate.state_on and CertificateQuerySet.with_state_on are twins: same answer each day."""
    with time_machine.travel(D(2027, 1, 15), tick=False):
        revoke_certificate(tea.certificates.get(), reason="Thu hồi", actor=official_user)
    days = [D(2026, 6, 9), D(2026, 6, 10), D(2027, 1, 14), D(2027, 1, 15), D(2029, 6, 9), D(2029, 6, 10)]
    for day in days:
        for certificate in Certificate.objects.with_state_on(day):
            assert certificate.state_on == Certificate.objects.get(pk=certificate.pk).state_on(day), day
        annotated = annotate_standing(Product.objects.filter(pk=tea.pk), day).get()
        assert annotated.standing == standing_of(tea, day).code


def test_the_daily_job_only_records_what_is_already_shown(client, tea):
    with time_machine.travel(D(2029, 6, 10), tick=False):
        assert client.get(reverse("home")).context["recognised_count"] == 0  # before the job runs
        assert expire_certificates() == 1
        assert client.get(reverse("home")).context["recognised_count"] == 0


def test_product_status_is_assigned_in_one_module_only():
    """`grep` finds the assignment of Product.status in products/services.py only."""
    root = Path(settings.BASE_DIR)
    found = subprocess.run(["grep", "-rnE", r"\.status\s*=[^=]|[\"']status[\"']:\s*ProductStatus|update\([^)]*status=",
                            "--include=*.py", "accounts", "certificates", "evaluation", "geo", "ocop", "portal",
                            "products"], cwd=root, capture_output=True, text=True).stdout.splitlines()
    modules = {line.split(":")[0] for line in found if "migrations" not in line}
    assert modules == {"products/services.py"}, found
    assert re.search(r"def set_product_status", (root / "products" / "services.py").read_text())


def test_the_recognised_join_agrees_with_the_standing_annotation_on_every_boundary(tea, lai_chau, official_user):
    """annotate_recognised (the registry's one join) gives exactly the products, stars, last days and certificates
    that annotate_standing calls recognised: across a renewal, an expiry, a revocation and a product never
    recognised."""
    with time_machine.travel(D(2029, 5, 1), tick=False):
        recognise(tea, stars=3, signed_on=D(2029, 5, 1))  # renewed: the 4★ one is superseded
    revoked = ProductFactory(producer=tea.producer, name="Trà Tả Lèng", group=tea_group("2026"))
    recognise(revoked, stars=4, signed_on=D(2026, 7, 1))
    with time_machine.travel(D(2027, 3, 1), tick=False):
        revoke_certificate(revoked.certificates.get(), reason="Vi phạm nhãn", actor=official_user)
    expired = ProductFactory(producer=tea.producer, name="Chè xanh cũ", group=tea_group("2026"))
    recognise(expired, stars=3, signed_on=D(2026, 6, 1))
    ProductFactory(producer=tea.producer, name="Chưa công nhận", group=tea_group("2026"))
    fields = ("pk", "standing", "standing_stars", "standing_until", "standing_year", "standing_certificate_id")
    days = [D(2026, 5, 31), D(2026, 6, 1), D(2026, 6, 10), D(2027, 2, 28), D(2027, 3, 1), D(2029, 4, 30),
            D(2029, 5, 1), D(2029, 5, 31), D(2029, 6, 1), D(2032, 4, 30), D(2032, 5, 1)]
    seen = set()
    for day in days:
        by_annotation = list(annotate_standing(Product.objects.all(), day).filter(standing=Standing.RECOGNISED)
                             .order_by("pk").values_list(*fields))
        by_join = list(annotate_recognised(Product.objects.all(), day).order_by("pk").values_list(*fields))
        assert by_join == by_annotation, day
        seen.update((row[0], row[2]) for row in by_join)
    assert seen == {(tea.pk, 4), (tea.pk, 3), (revoked.pk, 4), (expired.pk, 3)}
