"""The files of an export: the official list as XLSX or CSV, and the ministry's PTNT_OCOP table.

The list's layout is fixed, header in row 1 and nothing above it, because the registry import reads it back as
past recognitions (exchange imports): the first eight columns are the official list, the others what a fresh
database needs to recreate the recognitions. Dates are dd/mm/yyyy (real dates in XLSX, shown so); CSV is UTF-8
with a byte-order mark, so that Excel opens the Vietnamese correctly.
"""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from exchange.exports.recognised import RecognisedList, Row

# (header, value of a row, column width in characters)
LIST_COLUMNS = [
    ("STT", lambda r: r.position, 6),
    ("Tên sản phẩm", lambda r: r.product_name, 40),
    ("Chủ thể", lambda r: r.producer_name, 40),
    ("Địa chỉ", lambda r: r.producer_address, 45),
    ("Hạng sao", lambda r: r.stars, 9),
    ("Số quyết định", lambda r: r.decision_number, 16),
    ("Ngày quyết định", lambda r: r.decision_date, 15),
    ("Hiệu lực đến", lambda r: r.expires_on, 13),
    ("Mã số chủ thể", lambda r: r.registration_code, 16),
    ("Loại hình chủ thể", lambda r: r.legal_type, 22),
    ("Người đại diện", lambda r: r.representative, 24),
    ("Mã xã", lambda r: r.commune_code, 8),
    ("Tên xã", lambda r: r.commune_name, 20),
    ("Tỉnh", lambda r: r.province_name, 16),
    ("Nhóm sản phẩm", lambda r: r.group_name, 30),
    ("Phân loại", lambda r: r.scheme, 10),
    ("Cơ quan ban hành", lambda r: r.issuer, 30),
    ("Người ký", lambda r: r.signer_name, 22),
    ("Chức vụ người ký", lambda r: r.signer_title, 26),
    ("Số giấy chứng nhận", lambda r: r.certificate_number, 20),
    ("Ngày cấp", lambda r: r.issued_on, 12),
    ("Hiệu lực từ", lambda r: r.in_force_from, 12),
]
LIST_HEADER = [header for header, _value, _width in LIST_COLUMNS]

# QĐ 5277/QĐ-BNNMT, table PTNT_OCOP (README, "Exports", says how each column is filled).
PTNT_COLUMNS = [
    ("MA_OCOP", lambda r: r.certificate_number, 20),
    ("Ma_DonViHanhChinh", lambda r: r.commune_code, 18),
    ("Ma_ThoiGian", lambda r: r.year, 12),
    ("Ma_SanPham", lambda r: str(r.product_id), 12),
    ("TenSanPham", lambda r: r.product_name, 40),
    ("XepHang", lambda r: f"{r.stars}*", 9),
    ("ChuTheSXKD", lambda r: r.producer_name, 40),
    ("DoanhThuNam", lambda r: None, 13),  # the registry holds no revenue
    ("TrangThai", lambda r: r.status, 14),
]
PTNT_HEADER = [header for header, _value, _width in PTNT_COLUMNS]
PTNT_SHEET = "PTNT_OCOP"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = {"xlsx": (".xlsx", XLSX_TYPE), "csv": (".csv", CSV_TYPE), "ptnt": ("-PTNT_OCOP.xlsx", XLSX_TYPE)}

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SHEET_NAME_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def write(export: RecognisedList, fmt: str) -> bytes:
    """The file of `export` in `fmt` (xlsx, csv or ptnt)."""
    if fmt == "csv":
        return list_csv(export)
    if fmt == "ptnt":
        return _xlsx(export, PTNT_COLUMNS, PTNT_SHEET, subject="Biểu PTNT_OCOP (QĐ 5277/QĐ-BNNMT)")
    return _xlsx(export, LIST_COLUMNS, _sheet_name(export), subject="Danh sách sản phẩm OCOP được công nhận")


def list_csv(export: RecognisedList) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LIST_HEADER)
    for row in export.rows:
        writer.writerow([_text(value(row)) for _header, value, _width in LIST_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def _text(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _sheet_name(export: RecognisedList) -> str:
    """Excel allows 31 characters, without []:*?/\\: "QĐ 1168-QĐ-UBND", or "Lai Châu 2020"."""
    name = f"QĐ {export.decision_number}" if export.decision_number else f"{export.province.short_name} {export.year}"
    return name.translate(SHEET_NAME_FORBIDDEN)[:31]


def _xlsx(export: RecognisedList, columns, sheet_name: str, *, subject: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    sheet.append([header for header, _value, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in export.rows:
        sheet.append([value(row) for _header, value, _width in columns])
    for index, (_header, _value, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if export.rows and isinstance(columns[index - 1][1](export.rows[0]), datetime.date):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _describe(workbook, export, subject)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _describe(workbook, export: RecognisedList, subject: str):
    """The title and the decision go in the document's properties (the header must stay in row 1)."""
    props = workbook.properties
    props.title = export.title
    props.subject = subject
    props.creator = "Cơ sở dữ liệu sản phẩm OCOP"
    props.language = "vi-VN"
    props.keywords = f"OCOP; {export.province.short_name}; {export.year}"
    props.description = (f"{export.title}. {len(export.rows)} sản phẩm. Trạng thái tính đến ngày "
                         f"{export.day:%d/%m/%Y}.")
    if export.decision_number:
        props.identifier = export.decision_number
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = now


def file_name(export: RecognisedList, fmt: str) -> str:
    return export.file_stem + FORMATS[fmt][0]


def row_values(row: Row, columns=LIST_COLUMNS) -> list:
    """A row as written in the XLSX list (for tests and the import's round trip)."""
    return [value(row) for _header, value, _width in columns]
