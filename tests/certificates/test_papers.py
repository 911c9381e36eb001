"""The papers of a round (certificates.papers): the decision with its annex, the minutes, the scoring sheets."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from certificates.papers.docx import decision_docx, minutes_docx
from certificates.papers.pdf import sheets_pdf
from certificates.papers.records import decision_paper, find_round, minutes_paper, points_text
from evaluation import services
from evaluation.enums import RoundState
from evaluation.models import Recognition
from evaluation.queries import round_report


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text):
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-logins")
    return find_round("Lai Chau", 2020, 1)


def test_decision_annex_of_lai_chau_round_1_from_the_pdf(demo, tmp_path):
    output = tmp_path / "qd.pdf"
    call_command("print_decision", province="lai chau", year=2020, round=1, output=str(output))
    text = flat(pdf_text(output.read_bytes()))
    decision = demo.decision
    recognitions = list(Recognition.objects.filter(decision=decision, withdrawn=False)
                        .select_related("product").order_by("position", "pk"))
    assert len(recognitions) == 23
    for head in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"Số: {decision.number}",
                 "QUYẾT ĐỊNH", "Về việc công nhận sản phẩm OCOP", "Căn cứ", "Điều 1.", "Điều 2.", "Điều 3.",
                 "Nơi nhận:", decision.signer_name, "Lai Châu, ngày 30 tháng 9 năm 2020"):
        assert head in text, head
    annex = text[text.index("Số sao", text.index("DANH SÁCH SẢN PHẨM")):text.index("Tổng số:")]
    stars = [int(s) for s in re.findall(r"\b([345]) sao\b", annex)]
    assert stars == [r.stars for r in recognitions]
    assert stars.count(3) == 14 and stars.count(4) == 9
    # in the decision's order, numbered from 1: "STT name" starts each row
    positions = [annex.index(f"{i} {r.product.name}") for i, r in enumerate(recognitions, 1)]
    assert positions == sorted(positions)
    assert "Tổng số: 23 sản phẩm; 14 sản phẩm 3 sao; 9 sản phẩm 4 sao." in text


def test_decision_docx_has_the_same_annex(demo):
    document = Document(io.BytesIO(decision_docx(demo)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(c.text for c in document.tables[0].rows[0].cells)
    assert "Về việc công nhận sản phẩm OCOP" in text and "Điều 1." in text
    annex = document.tables[-1]
    header, *rows = [[c.text for c in row.cells] for row in annex.rows]
    assert header == ["STT", "Tên sản phẩm", "Chủ thể sản xuất", "Địa chỉ", "Số sao"]
    paper = decision_paper(demo)
    assert [(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows] == [
        (r.number, r.product, r.producer, r.address, f"{r.stars} sao") for r in paper.rows]
    assert [r[4] for r in rows].count("3 sao") == 14 and [r[4] for r in rows].count("4 sao") == 9


def test_minutes_figures_are_the_round_reports(demo, tmp_path):
    report = round_report(demo)
    paper = minutes_paper(demo)
    assert len(paper.rows) == len(report.rows)
    for row, line in zip(report.rows, paper.rows, strict=True):
        assert line.points == points_text(row.enrolment.points)
        assert line.totals == [points_text(row.totals.get(m.pk)) for m in report.members]
        totals = [row.totals[m.pk] for m in report.members if m.pk in row.totals]
        assert line.spread == points_text(max(totals) - min(totals))
        assert line.spread_ok == (max(totals) - min(totals) <= demo.max_spread)
    output = tmp_path / "bb.pdf"
    call_command("print_decision", province="Lai Châu", year=2020, round=1, output=str(output), minutes=True)
    text = flat(pdf_text(output.read_bytes()))
    assert "BIÊN BẢN" in text and "THƯ KÝ HỘI ĐỒNG" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    assert paper.chair in text and paper.secretary in text
    for row in report.rows:
        assert points_text(row.enrolment.points) in text
    for stars, count in report.stars.items():
        assert f"Đạt {stars} sao: {count} sản phẩm." in text
    document = Document(io.BytesIO(minutes_docx(demo)))
    table = document.tables[1]
    assert [row.cells[len(report.members) + 3].text for row in table.rows[1:]] == [
        points_text(r.enrolment.points) for r in report.rows]


def test_sheets_one_page_per_member_and_product(decided_round):
    members = list(decided_round.members.all())
    reader = PdfReader(io.BytesIO(sheets_pdf(decided_round)))
    assert len(reader.pages) == len(members) * decided_round.enrolments.count()
    first = flat(reader.pages[0].extract_text())
    assert "PHIẾU CHẤM ĐIỂM" in first and members[0].name in first and "Tổng điểm" in first
    one = PdfReader(io.BytesIO(sheets_pdf(decided_round, members[1].pk)))
    assert len(one.pages) == decided_round.enrolments.count()
    assert members[1].name in one.pages[0].extract_text()


def test_print_decision_refusals(db, make_round):
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh"):
        call_command("print_decision", province="Atlantis", year=2020, round=1, output="/dev/null")
    make_round(members=3, products=1)
    with pytest.raises(CommandError, match="chưa có quyết định"):
        call_command("print_decision", province="Lai Chau", year=2020, round=1, output="/dev/null")
    with pytest.raises(CommandError, match="Không có đợt 2"):
        call_command("print_decision", province="Lai Chau", year=2020, round=2, output="/dev/null")


# --- the web ---------------------------------------------------------------------------------------

def paper_url(round_, paper, fmt):
    url = reverse("certificates:round_paper", args=[round_.pk, paper, fmt])
    return f"{url}?member={round_.members.first().pk}" if paper == "sheets" else url


@pytest.mark.parametrize(("paper", "fmt", "kind"), [
    ("decision", "pdf", "application/pdf"), ("minutes", "pdf", "application/pdf"),
    ("sheets", "pdf", "application/pdf"),
    ("decision", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("minutes", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")])
def test_staff_and_official_download(decided_round, login, staff_user, official_user, paper, fmt, kind):
    for user in (staff_user, official_user):
        response = login(user).get(paper_url(decided_round, paper, fmt))
        assert response.status_code == 200
        assert response["Content-Type"] == kind
        assert "attachment" in response["Content-Disposition"]
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_round_page_links_the_papers(decided_round, login, official_user):
    page = login(official_user).get(reverse("evaluation:round", args=[decided_round.pk])).content.decode()
    for paper, fmt in (("decision", "pdf"), ("decision", "docx"), ("minutes", "pdf"), ("minutes", "docx"),
                       ("sheets", "pdf")):
        assert paper_url(decided_round, paper, fmt) in page


def test_scope_denials(decided_round, client, login, other_staff_user, producer_user, make_round, staff_user):
    url = paper_url(decided_round, "decision", "pdf")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert "login" in client.get(url)["Location"]
    assert login(other_staff_user).get(url).status_code == 404  # another province's staff
    assert login(producer_user).get(url).status_code == 403  # a producer, even of a recognised product
    undecided = make_round(members=3, products=1, number=2)
    assert login(staff_user).get(paper_url(undecided, "decision", "pdf")).status_code == 404
    assert login(staff_user).get(paper_url(undecided, "minutes", "pdf")).status_code == 404  # still scoring
    assert login(staff_user).get(paper_url(decided_round, "sheets", "docx")).status_code == 404
    assert login(staff_user).get(paper_url(decided_round, "other", "pdf")).status_code == 404
    sheets = paper_url(decided_round, "sheets", "pdf")
    assert login(staff_user).get(sheets.split("?")[0]).status_code == 404  # one member's sheets at a time
    assert login(staff_user).get(sheets.split("?")[0] + "?member=x").status_code == 404
    other_member = undecided.members.first()
    assert login(staff_user).get(f"{sheets.split('?')[0]}?member={other_member.pk}").status_code == 404


def decide(make_round, score, official_user, staff_user, products, number):
    round_ = make_round(members=3, products=products, number=number)
    for i, enrolment in enumerate(round_.enrolments.all()):
        score(enrolment, [(30, 20, 30 - i % 5), (28, 20, 32), (29, 21, 30)])
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    services.finalise_decision(round_, number=f"{number}/QĐ-UBND", signed_on=datetime.date(2020, 9, 30),
                               signer_name="Hà Trọng Hải", signer_title="Chủ tịch", actor=official_user)
    round_.refresh_from_db()
    return round_


@pytest.mark.parametrize(("paper", "fmt", "queries"), [
    ("decision", "pdf", 6), ("decision", "docx", 6), ("minutes", "pdf", 9), ("minutes", "docx", 9),
    ("sheets", "pdf", 11)])
def test_query_count_does_not_grow(make_round, score, official_user, staff_user, login,
                                   django_assert_max_num_queries, paper, fmt, queries):
    """Session and user, the round, then a fixed number of reads whatever the products (2 or 12)."""
    small = decide(make_round, score, official_user, staff_user, products=2, number=1)
    large = decide(make_round, score, official_user, staff_user, products=12, number=2)
    client = login(official_user)
    for round_ in (small, large):
        url = paper_url(round_, paper, fmt)
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200


def test_points_text():
    assert points_text(Decimal("78.29")) == "78,29"
    assert points_text(Decimal(80)) == "80,00"
    assert points_text(None) == "—"
