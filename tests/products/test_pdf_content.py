"""Scripts, automatic actions and embedded files found in a PDF however they are written."""

import io
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from products.pdf_content import EMBEDDED, ENCRYPTED, SCRIPT, UNREADABLE, active_content


def written(writer) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_writer():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def handmade_pdf(*objects: bytes) -> bytes:
    """A PDF of the given object bodies (object 1 is the catalogue), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


PAGES = [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]


def found(data: bytes) -> set[str]:
    return active_content(io.BytesIO(data))


def test_a_plain_pdf_carries_nothing():
    assert found(written(blank_writer())) == set()


def test_opening_at_a_page_is_not_an_action():
    catalogue = b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>"
    assert found(handmade_pdf(catalogue, *PAGES)) == set()


def test_document_javascript_is_found():
    writer = blank_writer()
    writer.add_open_action(JavaScript("app.alert('xin chào');"))
    assert found(written(writer)) == {SCRIPT}


def test_embedded_file_is_found():
    writer = blank_writer()
    writer.add_attachment("ghi-chu.txt", b"noi dung")
    assert found(written(writer)) == {EMBEDDED}


def test_javascript_run_on_opening_is_found_even_with_escaped_names():
    """/J#53 is /JS and /J#61vaScript is /JavaScript: a search for the bytes "/JS" finds neither."""
    catalogue = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    action = b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>"
    data = handmade_pdf(catalogue, *PAGES, action)
    assert b"/JS" not in data and b"/JavaScript" not in data
    assert found(data) == {SCRIPT}


@pytest.mark.parametrize("page_extra", [
    b"/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>",  # an action on opening the page, whatever it does
    b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>]",
])
def test_automatic_and_launch_actions_are_found(page_extra):
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page_extra + b" >>"
    assert found(handmade_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", PAGES[0], page)) == {SCRIPT}


def test_javascript_compressed_inside_an_object_stream_is_found():
    """The action lives in a compressed object stream, listed only by a cross-reference stream."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    plain = {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", 2: PAGES[0], 3: PAGES[1]}
    for number, body in plain.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    header, body = b"4 0 ", b"<< /S /JavaScript /JS (app.alert(1)) >>"
    packed = zlib.compress(header + body)
    offsets[5] = out.tell()
    out.write(b"5 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\n"
              b"endstream\nendobj\n" % (len(header), len(packed), packed))
    offsets[6] = out.tell()
    rows = b"\x00\x00\x00\x00\x00\xff\xff"
    for number in range(1, 7):
        rows += (b"\x02" + (5).to_bytes(4, "big") + (0).to_bytes(2, "big") if number == 4
                 else b"\x01" + offsets[number].to_bytes(4, "big") + (0).to_bytes(2, "big"))
    out.write(b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\n"
              b"endobj\nstartxref\n%d\n%%%%EOF\n" % (len(rows), rows, offsets[6]))
    data = out.getvalue()
    assert b"JavaScript" not in data
    assert found(data) == {SCRIPT}


def test_javascript_in_an_object_no_page_refers_to_is_found():
    unreferenced = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                     NameObject("/JS"): TextStringObject("app.alert(1)")})
    writer = blank_writer()
    writer._add_object(ArrayObject([NumberObject(1), unreferenced]))
    assert found(written(writer)) == {SCRIPT}


def test_password_protected_pdf_cannot_be_looked_into():
    writer = blank_writer()
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="RC4-128")
    assert found(written(writer)) == {ENCRYPTED}


def test_a_damaged_pdf_is_unreadable():
    assert found(b"%PDF-1.4 <script>alert(1)</script> %%EOF") == {UNREADABLE}
