"""A producer on a 360-px phone, in Debian's headless Chromium: logs in, sees each 2020 product recognised
with its stars and decision, and downloads its certificate. Set E2E_SCREENSHOTS=dir to keep screenshots."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; the ORM calls of the test (and of its
    teardown) are still synchronous, so Django's async-safety check is lifted for this test only."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _launch():
    playwright = pytest.importorskip("playwright.sync_api")
    runner = playwright.sync_playwright().start()
    browser = runner.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    browser._runner = runner
    return browser


def shot(page, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_producer_on_a_phone_follows_products_and_downloads_a_certificate(allow_orm_beside_playwright,
                                                                                live_server, tmp_path, settings):
    call_command("load_demo", "--allow-production")
    browser = _launch()
    try:
        page = browser.new_page(viewport={"width": 360, "height": 780}, accept_downloads=True)
        page.goto(live_server.url + "/login/")
        page.fill("#id_username", "chuthe")
        page.fill("#id_password", "demo-ocop-2020")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/my/")
        shot(page, "1-dashboard-360px")
        # nothing is wider than the phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        cards = page.locator("article.product-card")
        assert cards.count() == 7
        text = page.inner_text("main")
        assert text.count("Quyết định 1168/QĐ-UBND") == 7
        assert "★★★★" in text and "Cấp giấy chứng nhận" in text
        page.click("text=Trà Oolong")
        shot(page, "2-product-360px")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        with page.expect_download() as download_info:
            page.evaluate("""() => { const a = document.querySelector("a[href$='/pdf/']");
                                   a.setAttribute('download', ''); a.click(); }""")
        target = tmp_path / "certificate.pdf"
        download_info.value.save_as(target)
        reader = PdfReader(target)
        assert len(reader.pages) == 1 and "Trà Oolong" in reader.pages[0].extract_text()
        for path, name in [("/my/products/", "3-products"), ("/certificates/", "4-certificates"),
                           ("/products/", "5-registry")]:
            page.goto(live_server.url + path)
            shot(page, f"{name}-360px")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    finally:
        browser.close()
        browser._runner.stop()
