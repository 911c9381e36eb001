"""The API's browsable docs (/api/v1/docs) in Debian's headless Chromium, under the site's Content-Security-Policy:
Swagger UI loads from this site's static files, lists every operation and calls the API, with no CSP violation
and no script error."""

import pytest

from tests.e2e.test_producer_in_browser import (  # noqa: F401 — the same browser, skip and fixture
    _launch,
    allow_orm_beside_playwright,
    pytestmark,
    shot,
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_swagger_ui_runs_under_our_csp(allow_orm_beside_playwright, live_server):  # noqa: F811
    browser = _launch()
    try:
        page = browser.new_page()
        problems, requests = [], []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" or "Content Security Policy"
                in m.text else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda r: requests.append(r.url))
        response = page.goto(live_server.url + "/api/v1/docs")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(".opblock-summary", timeout=20_000)
        assert page.locator(".opblock-summary").count() == 5
        page.click("#operations-products-opendata_api_products")
        page.click("button.try-out__btn")
        page.click("button.execute")
        page.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=20_000)
        assert "200" in page.inner_text(".live-responses-table tbody .response-col_status")
        shot(page, "api-docs")
        assert problems == []
        assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests
    finally:
        browser.close()
        browser._runner.stop()
