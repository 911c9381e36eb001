"""The decision and the minutes as DOCX (python-docx), for the officials who edit them before signing: the
same text as the PDF, in Times New Roman (what Decree 30/2020/NĐ-CP asks for), A4 with its margins."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from certificates.papers.records import decision_paper, minutes_paper

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _document():
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(3)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    return document


def _line(cell_or_doc, text, *, bold=False, italic=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER, first=False,
          indent=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _head(document, left_lines, bold_from, number, place_date):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(68), Mm(97)
    for i, line in enumerate(left_lines):
        _line(left, line, bold=i >= bold_from, size=13, first=i == 0)
    _line(left, "––––––", size=13)
    if number:
        _line(left, f"Số: {number}", size=13)
    _line(right, MOTTO[0], bold=True, size=13, first=True)
    _line(right, MOTTO[1], bold=True, size=13)
    _line(right, "––––––––––––––––", size=13)
    _line(right, place_date, italic=True)


def _grid(document, header, rows, size=12):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _line(cell, text, bold=True, size=size, first=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _line(cell, str(value), size=size, first=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    return table


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def decision_docx(round_) -> bytes:
    d = decision_paper(round_)
    document = _document()
    _head(document, d.header_lines, len(d.header_lines) - 1, d.number, d.place_date)
    _line(document, "QUYẾT ĐỊNH", bold=True)
    _line(document, d.subject, bold=True)
    _line(document, d.decision.authority.upper(), bold=True)
    for ground in d.grounds:
        _line(document, ground, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _line(document, "QUYẾT ĐỊNH:", bold=True)
    for head, text in d.articles:
        paragraph = _line(document, f"{head} ", bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        paragraph.add_run(text)
    foot = document.add_table(rows=1, cols=2)
    recipients, signer = foot.rows[0].cells
    _line(recipients, "Nơi nhận:", bold=True, italic=True, size=12, first=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in d.recipients:
        _line(recipients, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(d.signer_block):
        _line(signer, line, bold=True, first=i == 0)
    for _blank in range(4):
        _line(signer, "")
    _line(signer, d.decision.signer_name, bold=True)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(document, "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN ĐẠT TIÊU CHUẨN OCOP", bold=True)
    _line(document, f"(Kèm theo Quyết định số {d.number} {d.date_words} của {d.decision.authority})", italic=True)
    _grid(document, ["STT", "Tên sản phẩm", "Chủ thể sản xuất", "Địa chỉ", "Số sao"],
          [(r.number, r.product, r.producer, r.address, f"{r.stars} sao{'*' if r.potential_five else ''}")
           for r in d.rows])
    counts = "; ".join(f"{n} sản phẩm {s} sao" for s, n in d.star_counts.items())
    _line(document, f"Tổng số: {len(d.rows)} sản phẩm; {counts}." + (
        " (*) Sản phẩm tiềm năng 5 sao." if d.has_potential else ""), italic=True, size=12,
        align=WD_ALIGN_PARAGRAPH.LEFT)
    return _bytes(document)


def minutes_docx(round_) -> bytes:
    m = minutes_paper(round_)
    document = _document()
    _head(document, m.header_lines, 0, "", m.place_date)
    _line(document, "BIÊN BẢN", bold=True)
    _line(document, f"Họp Hội đồng đánh giá, phân hạng sản phẩm OCOP {m.round.unit_name} "
                    f"đợt {m.round.number} năm {m.round.year}", bold=True)
    _line(document, m.opening, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _line(document, "I. Thành phần Hội đồng", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, (name, role, title) in enumerate(m.members, 1):
        _line(document, f"{i}. {name} — {role}" + (f", {title}" if title else "") + ".",
              align=WD_ALIGN_PARAGRAPH.LEFT, indent=True)
    _line(document, "II. Kết quả đánh giá, phân hạng", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    landscape = document.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    landscape.left_margin, landscape.right_margin = Mm(20), Mm(15)
    header = ["STT", "Sản phẩm", "Chủ thể", *[f"TV{i}" for i in range(1, len(m.member_names) + 1)],
              "Điểm TB", "Kết quả", "Chênh lệch"]
    _grid(document, header, [(r.number, r.product, r.producer, *r.totals, r.points, r.result,
                              r.spread + ("" if r.spread_ok else " (vượt)")) for r in m.rows], size=10)
    _line(document, "; ".join(f"TV{i} {name}" for i, name in enumerate(m.member_names, 1)) + ".", italic=True,
          size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    portrait = document.add_section()
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = Mm(210), Mm(297)
    portrait.left_margin, portrait.right_margin = Mm(30), Mm(15)
    _line(document, "III. Kết luận", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in m.summary:
        _line(document, f"- {line}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    signs = document.add_table(rows=1, cols=2)
    for cell, (title, name) in zip(signs.rows[0].cells, [("THƯ KÝ HỘI ĐỒNG", m.secretary),
                                                          ("CHỦ TỊCH HỘI ĐỒNG", m.chair)], strict=True):
        _line(cell, title, bold=True, first=True)
        for _blank in range(4):
            _line(cell, "")
        _line(cell, name, bold=True)
    return _bytes(document)
