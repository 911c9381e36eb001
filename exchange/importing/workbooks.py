"""The downloadable templates: an XLSX with the data sheet (its header row, filled rows where the registry already
knows them), drop-down lists read from a hidden list sheet, and an instructions sheet in Vietnamese.

The header names and instructions are the template's fixed Vietnamese layout (what provincial offices already
use), not page text: they are written as they must appear in the file."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

LISTS = "DanhMuc"
INSTRUCTIONS = "Hướng dẫn"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_ROWS = 20000  # rows the drop-down lists cover


def build(sheet_name, header, rows, *, lists=None, instructions=(), widths=None) -> bytes:
    """`lists` maps a header to the values its drop-down offers; `instructions` are the lines of the
    instructions sheet."""
    book = Workbook()
    data = book.active
    data.title = sheet_name
    data.append(header)
    for cell in data[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    data.freeze_panes = "A2"
    for row in rows:
        data.append(row)
    for index, name in enumerate(header, start=1):
        data.column_dimensions[get_column_letter(index)].width = (widths or {}).get(name, max(12, len(name) + 4))
    if lists:
        hidden = book.create_sheet(LISTS)
        hidden.sheet_state = "hidden"
        for list_index, (name, values) in enumerate(lists.items(), start=1):
            letter = get_column_letter(list_index)
            hidden.cell(row=1, column=list_index, value=name)
            for r, value in enumerate(values, start=2):
                hidden.cell(row=r, column=list_index, value=value)
            if name not in header or not values:
                continue
            target = get_column_letter(header.index(name) + 1)
            check = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                                   formula1=f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}",
                                   errorTitle="Giá trị không có trong danh mục",
                                   error="Hãy chọn một giá trị trong danh sách thả xuống.")
            check.add(f"{target}2:{target}{MAX_ROWS}")
            data.add_data_validation(check)
    notes = book.create_sheet(INSTRUCTIONS)
    notes.column_dimensions["A"].width = 120
    for line in instructions:
        notes.append([line])
        notes.cell(row=notes.max_row, column=1).alignment = Alignment(wrap_text=True)
    notes["A1"].font = Font(bold=True, size=13)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


COMMON_RULES = [
    "Quy tắc chung:",
    "• Dòng 1 là tiêu đề cột: giữ nguyên tên cột; có thể thêm cột khác (sẽ được bỏ qua) nhưng không xoá cột bắt buộc.",
    "• Mỗi ô một giá trị: không gộp ô, không dùng công thức (hãy dán giá trị: Paste special → Values).",
    ("• Ngày ghi dd/mm/yyyy (ví dụ 30/09/2020) hoặc định dạng ngày của Excel. Số thập phân dùng dấu phẩy hoặc dấu "
    "chấm (8,5 hoặc 8.5)."),
    "• Có thể lưu thành CSV (UTF-8, dấu phân cách phẩy hoặc chấm phẩy).",
    ("• Trước khi ghi, hệ thống hiển thị bản xem trước và liệt kê mọi lỗi (dòng, cột, giá trị, lý do). Tệp có lỗi "
    "thì không dòng nào được ghi. Nhập lại cùng một tệp không thay đổi gì."),
]
