"""The whole office desk in Debian's headless Chromium, every step clicked as a person does it: provincial staff
log in, create a producer and its product in the app, set up a round and its council, enrol the product and open
the scoring; three council members score on their own devices (768 px) from one-time links; the secretary sees
them submit and closes the scoring; the official previews the decision, confirms it, prints the certificates and
downloads the decision with its annex. Screenshots go to /tmp/flow-*.png (or E2E_SCREENSHOTS=dir)."""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from evaluation.models import EvaluationRound
from products.models import Producer
from tests.e2e.test_producer_in_browser import CHROMIUM, _launch, allow_orm_beside_playwright  # noqa: F401

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
DESK = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
PASSWORD = "demo-ocop-2020"
PRODUCT = "Mật ong bạc hà Sìn Hồ"
PRODUCER = "Hợp tác xã Ong mật Pa Tần"
MEMBERS = [  # name, role's label, title, unit, share of each part's maximum they give
    ("Trần Văn Chủ", "Chủ tịch", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Lai Châu", 0.80),
    ("Lê Thị Thư", "Thư ký", "Chuyên viên", "Văn phòng Điều phối nông thôn mới", 0.78),
    ("Phạm Văn Viên", "Thành viên", "Phó Giám đốc", "Sở Công Thương", 0.82),
]


def shot(page, name):
    folder = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp"))  # noqa: S108 — screenshots to look at, by design
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"flow-{name}.png"), full_page=True)


def read_qr(png: bytes) -> str:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image  # noqa: PLC0415 — only this test reads images

    return "".join(r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png))))


def log_in(browser, base, username, viewport=DESK):
    context = browser.new_context(viewport=viewport, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/my/.*|.*/$"))
    return page


def choose(page, selector, label_part):
    """Select the option of `selector` whose text contains `label_part` (as a person picks it from the list)."""
    value = page.eval_on_selector(selector, """(s, part) => [...s.options].find(o => o.text.includes(part)).value""",
                                  label_part)
    page.select_option(selector, value)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_members_and_official_take_a_round_from_the_desk_to_the_printed_decision(
        allow_orm_beside_playwright, live_server, tmp_path):  # noqa: F811
    call_command("load_demo", "--allow-production", stdout=io.StringIO())
    base = live_server.url
    today = timezone.localdate()
    browser = _launch()
    try:
        # 1. Staff create the producer, then its product, in the app (no back office).
        staff = log_in(browser, base, "canbo")
        staff.goto(base + "/my/producers/new/")
        choose(staff, "#id_legal_type", "Hợp tác xã")
        staff.fill("#id_name", PRODUCER)
        staff.fill("#id_registration_code", "6201000999")
        staff.fill("#id_representative", "Lò Văn Ong")
        staff.fill("#id_representative_title", "Giám đốc")
        staff.fill("#id_address", "Bản Pa Tần")
        choose(staff, "#id_commune", "Xã Pa Tần")
        staff.fill("#id_phone", "0213 3800 999")
        staff.click("main form button[type=submit]")
        staff.wait_for_url(re.compile(r".*/my/producers/\d+/$"))
        producer = Producer.objects.get(registration_code="6201000999")
        assert producer.name == PRODUCER and producer.province.short_name == "Lai Châu"
        shot(staff, "01-staff-producer-created")
        staff.goto(f"{base}/my/producers/{producer.pk}/products/new/")
        groups = staff.eval_on_selector_all("#id_group option", "os => os.map(o => o.text)")
        assert not any("Gạo, ngũ cốc" == g for g in groups)  # only the product sets of the rules in force
        staff.fill("#id_name", PRODUCT)
        choose(staff, "#id_group", "Mật ong")
        staff.fill("#id_description", "Mật ong hoa bạc hà, thu hoạch mùa đông trên cao nguyên Sìn Hồ.")
        staff.click("main form button[type=submit]")
        staff.wait_for_load_state()
        product = producer.products.get()
        assert product.name == PRODUCT
        shot(staff, "02-staff-product-registered")

        # 2. Staff set up the round (members scoring on their own device) and its council of three.
        staff.goto(base + "/rounds/new/")
        staff.select_option("#id_level", label="Cấp tỉnh")
        staff.fill("#id_number", "2")
        staff.fill("#id_starts_on", today.strftime("%d/%m/%Y"))
        staff.fill("#id_ends_on", today.strftime("%d/%m/%Y"))
        staff.check("#id_members_score_online")
        staff.click("main form button[type=submit]")
        staff.wait_for_url(re.compile(r".*/rounds/\d+/$"))
        round_ = EvaluationRound.objects.get(pk=int(re.search(r"/rounds/(\d+)/", staff.url).group(1)))
        assert round_.members_score_online and round_.number == 2
        round_url = staff.url
        assert staff.locator("details.council").get_attribute("open") is not None  # open while it can be edited
        for name, role, title, unit, _share in MEMBERS:
            form = staff.locator("form[action$='/members/']")
            form.locator("input[name=name]").fill(name)
            choose(staff, "form[action$='/members/'] select[name=role]", role)
            form.locator("input[name=title]").fill(title)
            form.locator("input[name=unit]").fill(unit)
            form.locator("button[type=submit]").click()
            staff.wait_for_load_state()
        assert list(round_.members.values_list("name", flat=True)) == [m[0] for m in MEMBERS]
        choose(staff, "form[action$='/enrol/'] select", PRODUCT)
        staff.click("form[action$='/enrol/'] button[type=submit]")
        staff.wait_for_load_state()
        assert round_.enrolments.get().product == product
        shot(staff, "03-staff-round-set-up")
        staff.click("button[name=state][value=scoring]")
        staff.wait_for_load_state()
        round_.refresh_from_db()
        assert round_.state == "scoring"

        # 3. The secretary makes one link per member; each member scores on their own tablet and submits.
        staff.goto(f"{base}/rounds/{round_.pk}/council-online/")
        links = {}
        for member in round_.members.order_by("position"):
            staff.click(f'tr[data-member="{member.pk}"] button[name=member]')
            links[member.name] = staff.input_value("#new-link")
            # the same link as a QR code, for the member's tablet: read back from the screen as a camera would
            assert read_qr(staff.locator("#new-link-qr svg").screenshot()) == links[member.name]
        shot(staff, "03b-secretary-link-and-qr")
        assert len(set(links.values())) == 3
        for i, (name, _role, _title, _unit, share) in enumerate(MEMBERS, start=1):
            context = browser.new_context(viewport=TABLET, locale="vi-VN")  # their own device and session
            page = context.new_page()
            page.goto(links[name])
            page.click("text=Mở phiếu chấm của tôi")
            page.wait_for_url("**/council/")
            page.click(f"text={PRODUCT}")
            inputs = page.locator("input[data-max]")
            maxima = [float(inputs.nth(j).get_attribute("data-max")) for j in range(inputs.count())]
            for j, maximum in enumerate(maxima):
                inputs.nth(j).fill(f"{maximum * share:.1f}".replace(".", ","))
            page.locator("textarea").first.fill(f"Nhận xét của {name}")
            shot(page, f"04-member-{i}-sheet-768px")
            assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
            page.click("text=Lưu phiếu chấm sản phẩm này")
            page.wait_for_url("**/council/")
            page.click("#submit-sheet")
            page.wait_for_url("**/council/")
            assert "Đã nộp lúc" in page.inner_text("main")
            context.close()
        staff.locator("#council-count", has_text="3/3").wait_for(timeout=15000)  # the secretary's page polls
        shot(staff, "05-secretary-all-submitted")

        # 4. The secretary closes the scoring.
        staff.goto(round_url)
        staff.click("button[name=state][value=scored]")
        staff.wait_for_load_state()
        round_.refresh_from_db()
        assert round_.state == "scored"
        enrolment = round_.enrolments.get()
        assert enrolment.stars == 4, enrolment.points  # ~80 % of every part's maximum: 4 stars
        shot(staff, "06-staff-round-scored")

        # 5. The official previews the decision: nothing is finalised until confirmed.
        official = log_in(browser, base, "lanhdao")
        official.goto(round_url)
        form = official.locator("form[action$='/decision/']")
        form.locator("input[name=number]").fill("2999/QĐ-UBND")
        form.locator("input[name=signed_on]").fill(today.strftime("%d/%m/%Y"))
        form.locator("input[name=signer_name]").fill("Lê Văn Lương")
        form.locator("input[name=signer_title]").fill("KT. Chủ tịch – Phó Chủ tịch")
        form.locator("button[type=submit]").click()
        official.wait_for_load_state()
        preview = official.inner_text("main")
        assert PRODUCT in preview and "2999/QĐ-UBND" in preview
        shot(official, "07-official-preview")
        round_.refresh_from_db()
        assert round_.state == "scored" and not Certificate.objects.filter(product=product).exists()
        official.check("input[name=confirm]")
        official.click("form[action$='/decision/'] button[type=submit]")
        official.wait_for_url(re.compile(r".*/rounds/\d+/$"))
        round_.refresh_from_db()
        assert round_.state == "decided"
        certificate = Certificate.objects.get(product=product)
        assert certificate.stars == 4 and certificate.decision.number == "2999/QĐ-UBND"
        shot(official, "08-official-decided")

        # 6. The official prints the decision's certificates and downloads the decision with its annex.
        official.click("text=In giấy chứng nhận của quyết định")
        official.wait_for_url(re.compile(r".*/certificates/jobs/.*"))
        official.locator("a[href$='/download/']").wait_for(timeout=60000)
        with official.expect_download() as job_download:
            official.click("a[href$='/download/']")
        batch = tmp_path / "batch.pdf"
        job_download.value.save_as(batch)
        batch_text = "\n".join(p.extract_text() for p in PdfReader(batch).pages)
        assert PRODUCT in batch_text and certificate.number in batch_text
        shot(official, "09-official-print-job")
        official.goto(round_url)
        with official.expect_download() as decision_download:
            official.click("a[href$='/papers/decision.pdf']")
        decision = tmp_path / "decision.pdf"
        decision_download.value.save_as(decision)
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(decision).pages).split())  # cells wrap lines
        assert "Số: 2999/QĐ-UBND" in text and "KT. CHỦ TỊCH" in text.upper()
        # the annex: the one product with its producer, address and stars, and the totals
        assert f"{PRODUCT} {PRODUCER} Bản Pa Tần, Xã Pa Tần, Tỉnh Lai Châu 4 sao" in text
        assert "Tổng số: 1 sản phẩm; 1 sản phẩm 4 sao." in text
    finally:
        browser.close()
        browser._runner.stop()
