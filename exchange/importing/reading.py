"""Reading an uploaded spreadsheet — XLSX with openpyxl, CSV with Python's csv module — into rows of cell values
by column name, and the few value parsers every import shares (text, dates, whole numbers).

Nothing here writes. Every problem of the file is collected (row, column, value, what is wrong) so the user sees
them all at once; only a file that cannot be read at all (too large, not a spreadsheet, not the template) stops
the reading early, with an ImportRefused.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from ocop.errors import DomainError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the pre-2007 .xls format


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell, one row (column "") or the whole file (row None)."""

    row: int | None
    column: str
    value: str
    message: str


class ImportRefused(DomainError):
    """The file cannot be imported: `problems` says where and why (all of them, when the file could be read)."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class Row:
    number: int  # the row number the user sees in the spreadsheet (the header is row 1)
    cells: dict  # column name → value (str, int, float, datetime, or None)
    flagged: set = field(default_factory=set)  # columns whose problem is already told (a formula)


@dataclass
class Table:
    file_name: str
    sha256: str
    columns: list  # the template's columns found in the file, in the template's order
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def max_bytes() -> int:
    return settings.OCOP_IMPORT_MAX_BYTES


def check_size(size: int):
    """Refuse a file over the limit before anything reads it."""
    if size > max_bytes():
        raise ImportRefused(_("The file is %(size)s MB; an import takes at most %(max)s MB.")
                            % {"size": _megabytes(size), "max": _megabytes(max_bytes())})


def _megabytes(size):
    return f"{size / 1_048_576:.1f}".replace(".", ",")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def header_key(text) -> str:
    """Column names compared without case or extra spaces ("Tên  sản phẩm" is "tên sản phẩm")."""
    return " ".join(str(text or "").split()).casefold()


def read_table(data: bytes, file_name: str, *, required, optional=(), sheet_name=None) -> Table:
    """The rows of the file's data sheet (`sheet_name`, else the first sheet) under the header row (row 1).
    `required` columns missing make it the wrong template; columns neither required nor optional are ignored."""
    check_size(len(data))
    table = Table(file_name=file_name, sha256=sha256_of(data), columns=[])
    if data.startswith(ZIP_MAGIC):
        header, rows, merged = _read_xlsx(data, sheet_name)
    elif data.startswith(OLE_MAGIC):
        raise ImportRefused(_("This is an old Excel file (.xls): open it in Excel and save it as .xlsx."))
    else:
        lines = _read_csv(data)
        header, rows, merged = (lines[0] if lines else []), lines[1:], []
    wanted = {header_key(name): name for name in [*required, *optional]}
    positions = {}
    for index, text in enumerate(header):
        name = wanted.get(header_key(text))
        if name and name not in positions:
            positions[name] = index
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportRefused(_("This is not the import's template: the first row lacks the column(s) %(columns)s. "
                              "Download the template and copy the data into it.")
                            % {"columns": ", ".join(f"“{m}”" for m in missing)},
                            [Problem(1, m, "", _("column missing")) for m in missing])
    table.columns = [name for name in [*required, *optional] if name in positions]
    names = {index: name for name, index in positions.items()}
    for cells in merged:
        table.problems.append(Problem(cells[0], "", cells[1], _("Merged cells: unmerge them, one value per cell.")))
    for number, values in enumerate(rows, start=2):
        cells = {}
        for index, name in names.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, str):
                value = value.strip() or None
            cells[name] = value
        if all(v is None for v in cells.values()):
            continue  # a blank row
        row = Row(number, cells)
        for name, value in cells.items():
            if _is_formula(value):
                table.problems.append(Problem(number, name, str(value)[:60],
                                              _("A formula: paste the value instead (Paste special → Values).")))
                row.flagged.add(name)
        table.rows.append(row)
    return table


def _is_formula(value):
    return isinstance(value, (ArrayFormula, DataTableFormula)) or (isinstance(value, str) and value.startswith("="))


def _read_xlsx(data, sheet_name):
    """Formulas are refused, not evaluated: a file written by a program has no computed values to read, and a
    council's score is what was typed, not what a formula made of it. The sheet is streamed (openpyxl's read-only
    mode); merged cells, which that mode does not report, are read from the sheet's XML."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book[sheet_name] if sheet_name and sheet_name in book.sheetnames else book.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(sheet._worksheet_path).decode("utf-8", "replace")
        book.close()
    except Exception:  # openpyxl raises its own, zipfile's and the XML parser's errors on a damaged workbook
        raise ImportRefused(_("The file is not a spreadsheet that can be read (XLSX or CSV).")) from None
    merged = []
    for ref in MERGE_CELL.findall(xml):
        try:
            merged.append((range_boundaries(ref)[1], ref))
        except ValueError:
            continue
    return list(rows[0]) if rows else [], rows[1:], sorted(merged)


MERGE_CELL = re.compile(r'<(?:\w+:)?mergeCell\s+ref="([^"]+)"')


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_("The file is not a spreadsheet that can be read (XLSX or CSV, in UTF-8).")) from None
    if "\x00" in text:
        raise ImportRefused(_("The file is not a spreadsheet that can be read (XLSX or CSV).")) from None
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    if not first.count(delimiter):
        raise ImportRefused(_("The file is not a spreadsheet that can be read (XLSX or CSV).")) from None
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise ImportRefused(_("The file is not a spreadsheet that can be read (XLSX or CSV).")) from None


def column_letter(index):
    return get_column_letter(index + 1)


# --- values ---------------------------------------------------------------------------------------------------

class BadValue(Exception):
    """A cell's value cannot be read; the message says why (translated)."""


def text(value) -> str:
    """A cell as text: a whole number typed in a number cell (a registration code) without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


DATE_TEXT = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", re.ASCII)
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
SERIAL = re.compile(r"[0-9]{4,6}", re.ASCII)
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)


def date(value) -> datetime.date:
    """A date typed as text (dd/mm/yyyy, or yyyy-mm-dd), a real Excel date, or an Excel serial number."""
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        raw = text(value)
        try:
            if isinstance(value, (int, float)) or SERIAL.fullmatch(raw):
                day = from_excel(float(raw)).date()
            elif match := DATE_TEXT.fullmatch(raw):
                day = datetime.date(int(match[3]), int(match[2]), int(match[1]))
            elif match := ISO_DATE.fullmatch(raw):
                day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
            else:
                raise BadValue(_("not a date (write dd/mm/yyyy)"))
        except (ValueError, OverflowError, AttributeError):
            raise BadValue(_("not a date (write dd/mm/yyyy)")) from None
    if not EARLIEST <= day <= LATEST:
        raise BadValue(_("a date between %(first)s and %(last)s") % {
            "first": EARLIEST.strftime("%d/%m/%Y"), "last": LATEST.strftime("%d/%m/%Y")})
    return day


def number_text(value) -> str:
    """A number cell as the text a person would type: 27.5 stays "27.5", "8,5" stays "8,5"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") if abs(value) < 1e9 else repr(value)
    return text(value)
