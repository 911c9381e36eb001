"""Three council members score a round on their own sessions in Debian's headless Chromium at 768 px (a tablet),
each from the one-time link the secretary made; the secretary's page, polling, shows all three submitted.
Screenshots go to /tmp/members-*.png (or E2E_SCREENSHOTS=dir)."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.e2e.test_producer_in_browser import CHROMIUM, _launch, allow_orm_beside_playwright  # noqa: F401

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
TABLET = {"width": 768, "height": 1024}
POINTS = {  # each member's points per part (A /35, B /25, C /40) for both products
    "Thành viên 1": ("30", "20", "30"),
    "Thành viên 2": ("28,5", "21", "32"),
    "Thành viên 3": ("29", "19", "31"),
}


def shot(page, name):
    folder = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp"))  # noqa: S108 — screenshots to look at, by design
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"members-{name}.png"), full_page=True)


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_members_score_on_their_own_tablets_and_the_secretary_sees_them_submit(
        allow_orm_beside_playwright, live_server, make_round, staff_user):  # noqa: F811
    round_ = make_round(members=3, products=2, members_score_online=True)
    client = Client()
    client.force_login(staff_user)
    browser = _launch()
    try:
        secretary = browser.new_context(viewport=TABLET)
        secretary.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME,
                                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                                "url": live_server.url}])
        desk = secretary.new_page()
        council_url = f"{live_server.url}/rounds/{round_.pk}/council-online/"
        desk.goto(council_url)
        links = {}
        for member in round_.members.all():
            desk.click(f'tr[data-member="{member.pk}"] button[name=member]')
            links[member.name] = desk.input_value("#new-link")
        shot(desk, "1-secretary-links-768px")
        _fits(desk, 768)
        assert len(set(links.values())) == 3

        for i, (name, link) in enumerate(links.items(), start=1):
            context = browser.new_context(viewport=TABLET)  # each member on their own device and session
            page = context.new_page()
            page.goto(link)
            page.click("text=Mở phiếu chấm của tôi")
            page.wait_for_url("**/council/")
            for product in ("Sản phẩm 1-1", "Sản phẩm 1-2"):
                page.click(f"text={product}")
                inputs = page.locator("input[data-max]")
                for j, value in enumerate(POINTS[name]):
                    inputs.nth(j).fill(value)
                page.locator("textarea").first.fill(f"Nhận xét của {name}")
                expected = sum(float(v.replace(",", ".")) for v in POINTS[name])
                total = page.inner_text("#running-total")
                assert float(total.replace(",", ".")) == expected  # the running total, before saving
                if i == 1 and product.endswith("1"):
                    shot(page, "2-member-sheet-768px")
                    _fits(page, 768)
                    page.set_viewport_size({"width": 360, "height": 780})
                    shot(page, "3-member-sheet-phone-360px")
                    _fits(page, 360)
                    page.set_viewport_size(TABLET)
                page.click("text=Lưu phiếu chấm sản phẩm này")
                page.wait_for_url("**/council/")
            body = page.inner_text("main")
            others = [n for n in POINTS if n != name]
            assert not any(n in body for n in others)  # nobody else's scores before submitting
            page.click("#submit-sheet")
            page.wait_for_url("**/council/")
            assert "Đã nộp lúc" in page.inner_text("main")
            assert all(n in page.inner_text("main") for n in others)  # now shown
            assert page.locator("input[data-max]").count() == 0
            shot(page, f"4-member-{i}-submitted-768px")
            _fits(page, 768)
            context.close()

        # the secretary's page, left open, updates itself (polling every few seconds)
        desk.locator("#council-count", has_text="3/3").wait_for(timeout=15000)  # no reload: the page polls
        assert desk.locator("td.submitted:has-text('✓')").count() == 3
        shot(desk, "5-secretary-all-submitted-768px")
        _fits(desk, 768)
        assert re.search(r"Không có chênh lệch", desk.inner_text("#council-alerts"))
    finally:
        browser.close()
        browser._runner.stop()
    round_.refresh_from_db()
    first = round_.enrolments.first()
    assert first.points is not None and first.stars == 4
