"""PDFs concatenated page after page into one file, streamed: each input is read, its objects renumbered and written
out at once, and only the offsets are kept, so memory does not grow with the number of pages. (pypdf and qpdf build
the whole document in memory before writing it: about 0.25 MB a page, 220 MB for a province's year.)

Made for the certificates' PDFs as WeasyPrint writes them — no encryption, no incremental update, a cross-reference
stream with object streams (or a classic table), lengths written directly — not for any PDF: anything else is
refused with ValueError. Stream data is copied as it is, never decoded. Only what the pages use is kept (the
inputs' catalogs, outlines and document information are left out).
"""

import re
import zlib
from collections.abc import Iterable

_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_REF = re.compile(rb"(?<![\w.+\-])(\d+)\s+(\d+)\s+R(?![\w])")
_PARENT = re.compile(rb"/Parent\s*\d+\s+\d+\s+R")
_MERGED_PARENT = b"/Parent @tree@"  # stands for the merged page tree until written (not a reference)
_DELIMITED = rb"(?=[\s/<>\[\]()]|$)"


def _value(dictionary: bytes, key: bytes) -> bytes | None:
    """The raw value of a top-level `key` of a dictionary: an integer, a reference, a name or an array."""
    found = re.search(rb"/" + key + _DELIMITED + rb"\s*(\d+\s+\d+\s+R|\d+|/[^\s/<>\[\]()]+|\[[^\]]*\])", dictionary)
    return found.group(1) if found else None


def _int(dictionary, key) -> int:
    value = _value(dictionary, key)
    if value is None or not value.isdigit():
        raise ValueError(f"unsupported PDF: /{key.decode()} is {value!r}")
    return int(value)


def _ref(dictionary, key) -> int | None:
    value = _value(dictionary, key)
    found = _REF.fullmatch(value) if value else None
    return int(found.group(1)) if found else None


def _stream(data: bytes, start: int):
    """The dictionary and raw data of the stream object whose dictionary starts at `start`."""
    end = _dictionary_end(data, start)
    dictionary, keyword = data[start:end], data.find(b"stream", end)
    begin = keyword + len(b"stream")
    begin += 2 if data[begin:begin + 2] == b"\r\n" else 1
    length = _int(dictionary, b"Length")
    if data[begin + length:begin + length + 20].strip()[:9] != b"endstream":
        raise ValueError("unsupported PDF: a stream's /Length does not end at endstream")
    return dictionary, data[begin:begin + length]


def _decoded(dictionary, raw) -> bytes:
    if _value(dictionary, b"DecodeParms") is not None or _value(dictionary, b"Filter") not in (None, b"/FlateDecode"):
        raise ValueError("unsupported PDF: a cross-reference or object stream with a filter other than Flate")
    return zlib.decompress(raw) if _value(dictionary, b"Filter") else raw


def _dictionary_end(data, start):
    """Where the dictionary starting at `start` ends (nested dictionaries included)."""
    depth, at = 0, start
    while True:
        opening, closing = data.find(b"<<", at), data.find(b">>", at)
        if closing < 0:
            raise ValueError("unsupported PDF: a dictionary without its end")
        if 0 <= opening < closing:
            depth, at = depth + 1, opening + 2
        else:
            depth, at = depth - 1, closing + 2
        if depth == 0:
            return at


def _object_at(data, offset):
    """(number, body) of the object at `offset`: body is (dictionary or value, stream data or None)."""
    header = _OBJ.match(data, offset)
    if header is None:
        raise ValueError(f"unsupported PDF: no object at offset {offset}")
    start = header.end()
    while data[start:start + 1].isspace():
        start += 1
    if data.startswith(b"<<", start) and data[_dictionary_end(data, start):].lstrip().startswith(b"stream"):
        return int(header.group(1)), _stream(data, start)
    return int(header.group(1)), (data[start:data.find(b"endobj", start)].strip(), None)


def _read(data: bytes):
    """The objects of one PDF, {number: (dictionary or value, stream data or None)}, and its trailer."""
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    at = data.rfind(b"startxref")
    offset = int(data[at + len(b"startxref"):].split()[0])
    offsets, in_streams = {}, {}
    if data.startswith(b"xref", offset):  # a classic table, then its trailer
        trailer_at = data.find(b"trailer", offset)
        lines = data[offset + 4:trailer_at].split(b"\n")
        rows = [line.split() for line in lines if line.strip()]
        number = 0
        for row in rows:
            if len(row) == 2:
                number = int(row[0])
                continue
            if row[2] == b"n":
                offsets[number] = int(row[0])
            number += 1
        trailer = data[trailer_at + len(b"trailer"):data.find(b"startxref", trailer_at)].strip()
    else:  # a cross-reference stream
        xref_number, (trailer, raw) = _object_at(data, offset)
        widths = [int(w) for w in _value(trailer, b"W").strip(b"[]").split()]
        index = _value(trailer, b"Index")
        index = [int(i) for i in index.strip(b"[]").split()] if index else [0, _int(trailer, b"Size")]
        table, position = _decoded(trailer, raw), 0
        for first, count in zip(index[::2], index[1::2], strict=True):
            for number in range(first, first + count):
                fields = []
                for width in widths:
                    fields.append(int.from_bytes(table[position:position + width]) if width else 1)
                    position += width
                if fields[0] == 1:
                    offsets[number] = fields[1]
                elif fields[0] == 2:
                    in_streams[number] = fields[1]
        offsets.pop(xref_number, None)
    if _value(trailer, b"Prev") is not None or _value(trailer, b"Encrypt") is not None:
        raise ValueError("unsupported PDF: updated incrementally, or encrypted")
    objects = dict(_object_at(data, offset) for offset in offsets.values())
    for container in set(in_streams.values()):
        dictionary, raw = objects.pop(container)
        content, first = _decoded(dictionary, raw), _int(dictionary, b"First")
        pairs = [int(n) for n in content[:first].split()]
        starts = pairs[1::2] + [len(content) - first]
        for i, number in enumerate(pairs[::2]):
            objects[number] = (content[first + starts[i]:first + starts[i + 1]].strip(), None)
    return objects, trailer


def _pages(objects, trailer):
    catalog = objects[_ref(trailer, b"Root")][0]
    kids = _value(objects[_ref(catalog, b"Pages")][0], b"Kids") or b"[]"
    pages = [int(found.group(1)) for found in _REF.finditer(kids)]
    for page in pages:
        if _value(objects[page][0], b"Type") != b"/Page":
            raise ValueError("unsupported PDF: nested page tree")
    return pages


def _pdf_string(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def concatenate(pdfs: Iterable[bytes], out, *, title="", progress=None) -> int:
    """Write the pages of `pdfs` (an iterable of PDF files' bytes, read one at a time), in order, as one PDF to
    `out` (a binary file). `progress(done)` after each input. Returns the number of pages."""
    offsets, kids = {}, []
    position = 0
    next_number = 4  # 1: the page tree, 2: the catalog, 3: the document information, written last

    def write(chunk):
        nonlocal position
        out.write(chunk)
        position += len(chunk)

    def write_object(number, body, stream=None):
        offsets[number] = position
        write(b"%d 0 obj\n%s\n" % (number, body))
        if stream is not None:
            write(b"stream\n%s\nendstream\n" % stream)
        write(b"endobj\n")

    write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    for done, data in enumerate(pdfs, 1):
        objects, trailer = _read(data)
        pages = _pages(objects, trailer)
        for page in pages:  # a page's parent is the merged page tree
            objects[page] = (_PARENT.sub(_MERGED_PARENT, objects[page][0]), None)
        numbers, waiting = {}, list(pages)
        while waiting:  # what the pages use, and nothing else
            number = waiting.pop()
            if number in numbers:
                continue
            numbers[number] = next_number
            next_number += 1
            waiting += [int(found.group(1)) for found in _REF.finditer(objects[number][0])
                        if int(found.group(1)) not in numbers]

        def renumbered(found, numbers=numbers):
            return b"%d 0 R" % numbers[int(found.group(1))]

        for number, new in numbers.items():
            body, stream = objects[number]
            write_object(new, _REF.sub(renumbered, body).replace(_MERGED_PARENT, b"/Parent 1 0 R"), stream)
        kids += [numbers[page] for page in pages]
        if progress:
            progress(done)
    if not kids:
        raise ValueError("no page to write")
    write_object(1, b"<</Type /Pages /Kids [%s] /Count %d>>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    write_object(2, b"<</Type /Catalog /Pages 1 0 R>>")
    write_object(3, b"<</Title %s /Producer (OCOP registry)>>" % _pdf_string(title))
    xref = position
    write(b"xref\n0 %d\n0000000000 65535 f \n" % next_number)
    write(b"".join(b"%010d 00000 n \n" % offsets[number] for number in range(1, next_number)))
    write(b"trailer\n<</Size %d /Root 2 0 R /Info 3 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (next_number, xref))
    return len(kids)
