"""What a PDF carries besides its pages: scripts, automatic actions and embedded files (dossier uploads refuse them).

Read with pypdf rather than by searching the bytes: a name may be written with #-escapes (`/J#53` is `/JS`), and
objects may sit compressed inside object streams, where no byte search sees them. Every object is looked at, those
reachable from the document's trailer and those merely listed in its cross-reference tables.
"""

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

SCRIPT = "script"  # JavaScript, or an action run by itself (on opening, on an event, a launched program)
EMBEDDED = "embedded"  # files inside the PDF
ENCRYPTED = "encrypted"  # encrypted with a password: its content cannot be looked at
UNREADABLE = "unreadable"  # damaged, or too complex to look at

SCRIPT_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA"}  # /AA: actions triggered by events; XFA forms carry scripts
SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute"}  # action types (/S)
EMBEDDED_KEYS = {"/EmbeddedFiles", "/EmbeddedFile", "/EF", "/RichMedia"}
EMBEDDED_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia"}  # values of /Type or /Subtype
MAX_OBJECTS = 500_000  # a 20 MB dossier file has far fewer; more is refused rather than walked for minutes


def _findings_in(obj) -> set[str]:
    """An action opening the document (/OpenAction) is an action dictionary like any other and is judged by its
    type (/S); an explicit destination ("open at page 1", an array) is harmless."""
    found = set()
    for key, value in obj.items():
        if key in SCRIPT_KEYS:
            found.add(SCRIPT)
        elif key in EMBEDDED_KEYS:
            found.add(EMBEDDED)
        elif key == "/S" and value.get_object() in SCRIPT_ACTIONS:
            found.add(SCRIPT)
        elif key in ("/Type", "/Subtype") and value.get_object() in EMBEDDED_TYPES:
            found.add(EMBEDDED)
    return found


def active_content(stream) -> set[str]:
    """SCRIPT, EMBEDDED, ENCRYPTED or UNREADABLE for what `stream` (a PDF) carries; empty for a plain document."""
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):  # encrypted with a password we do not have
                    return {ENCRYPTED}
            except Exception:
                return {ENCRYPTED}
        pending = [reader.trailer]
        pending += [IndirectObject(idnum, generation, reader)
                    for generation, numbers in reader.xref.items() for idnum in numbers]
        pending += [IndirectObject(idnum, 0, reader) for idnum in reader.xref_objStm]
        seen, found, visited = set(), set(), 0
        while pending:
            obj = pending.pop()
            if isinstance(obj, IndirectObject):
                if (obj.idnum, obj.generation) in seen:
                    continue
                seen.add((obj.idnum, obj.generation))
                obj = obj.get_object()
            visited += 1
            if visited > MAX_OBJECTS:
                return {UNREADABLE}
            if isinstance(obj, DictionaryObject):  # stream objects too (their dictionary; the data is not run)
                found |= _findings_in(obj)
                pending.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                pending.extend(obj)
        return found
    except Exception:
        return {UNREADABLE}
    finally:
        stream.seek(0)
