"""The machinery of the hostile-input test (tests/ocop/test_fuzz.py): hostile values and their Hypothesis
strategies, a small HTML reader (forms, links, the error messages a page shows), a fingerprint of the saved
data, the language check, and a runner that sends one request inside a rolled-back savepoint and records
every way it goes wrong (a 5xx, saved data changed by a refused request, an error message not in Vietnamese)."""

import dataclasses
import datetime
import hashlib
import io
import json
import os
import re
import tempfile
import traceback
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import strategies as st
from PIL import Image

from tests.factories import blank_pdf

# --- hostile values ---------------------------------------------------------------------------------------

LONG = "x" * 10_000
MANY_WORDS = " ".join(f"chè{i}" for i in range(1_200))  # 1,200 words: SQLite's expression depth is 1,000

# One value per way input has broken web apps: number parsing, dates, encodings, sizes, injection, scripts.
HOSTILE = [
    "", " ", "\t\n ", "0", "-1", "-0", "1e1", "1_0", "5e-1", "NaN", "inf", "-Infinity", "0x1F", "1,5", "1.5.5",
    "²", "٣", "３", "۴٥", "Ⅻ", "𝟗",
    "99999999999999999999999", "-99999999999999999999999", "2147483648", "9223372036854775808",
    "9999-12-31", "31/12/9999", "31/02/2026", "0000-00-00", "00/00/0000", "29/02/2025", "01/01/0001",
    "2026-13-45", "12/31/2026",
    "a\x00b", "\x00",
    "' OR '1'='1", "1; DROP TABLE products_product;--", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
    "{{ 7|add:7 }}{% debug %}", "%(name)s %s {0}", "../../../etc/passwd", "%00%2e%2e",
    "😀🍵", "\u202eỌỌỌ\u202c", "\u200b", "\ufeffabc", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "ﷺ" * 50,
    "a" * 101, "a" * 256, LONG, MANY_WORDS,
    "abc", "true", "null", "[]", "on",
]
# The sweep sends, to each parameter, the values every parameter gets and those of its kind.
EVERY_KIND = ["", " \t\n", "a\x00b", LONG, "😀\u202eỌ\u200b"]
BY_KIND = {
    "choice": ["²", "٣", "-1", "1e1", "99999999999999999999", "abc", "' OR '1'='1"],
    "number": ["1e1", "1_0", "5e-1", "-0", "NaN", "inf", "²", "٣", "３", "-1", "1,5", "0x1F",
               "99999999999999999999", "9223372036854775808"],
    "date": ["9999-12-31", "31/12/9999", "31/12/9997", "31/02/2026", "0000-00-00", "01/01/0001", "2026-13-45",
             "٣/٣/٢٠٢٦", "12/31/2026", "1e1"],
    "text": ["a" * 101, "a" * 256, "<script>alert(1)</script>", "' OR '1'='1", "{{ 7|add:7 }}", "%(name)s %s",
             MANY_WORDS, "ﷺ" * 50, "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "²"],
}
# For path segments: what a URL converter lets through (no slash) and a huge id for <int:…>.
HOSTILE_SEGMENTS = ["a\x00b", "²", "٣", "x" * 300, "<script>", "'", "%", "😀", "..", " a ", "OCOP-٣"]
HOSTILE_INTS = [0, 2147483648, 9223372036854775808, 99999999999999999999]
REPEATED = 1_000  # a parameter sent this many times (Django refuses more than 1,000 fields)

PDF = blank_pdf()
PDF_WITH_SCRIPT = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n"
                   b"2 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _png(width, height):
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


# Files: (name, content). Built into a fresh upload for every request.
HOSTILE_FILES = [
    ("rat-lon.png", _png(6_000, 6_000)),  # a few kilobytes, 36 million pixels
    ("ho-so.pdf", PDF), ("rong.pdf", b""), ("trang.pdf", b"<html>not a pdf</html>"), ("script.pdf", PDF_WITH_SCRIPT),
    ("a" * 300 + ".pdf", PDF), ("../../ho-so.pdf", PDF), ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("anh.jpg", b"this is not a picture"), ("😀.pdf", PDF), ("khong-duoi", PDF),
]


def shown(value) -> str:
    """A short, exact description of a value for the report."""
    if isinstance(value, list):
        return f"[{shown(value[0]) if value else ''}] × {len(value)}"
    if isinstance(value, tuple):  # a file
        return f"file {shown(value[0])} ({len(value[1])} bytes)"
    text = str(value)
    if len(text) > 60:
        return f"{text[:24]!r}… ({len(text)} chars)"
    return repr(text)


def hostile_values(scenario_values=()):
    """Hypothesis: a hostile value, a value of the scenario (a name, a number or an id already taken), any
    text, a number of any size, a date in any format, or one value repeated a thousand times."""
    dates = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(list(scenario_values) or [""]),
        st.text(max_size=40),
        st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str),
        st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
        dates.map(lambda d: d.strftime("%d/%m/%Y")), dates.map(lambda d: d.isoformat()),
        st.sampled_from(["0", "1", "abc", ""]).map(lambda v: [v] * REPEATED),
    ).filter(lambda v: not any("\ud800" <= c <= "\udfff" for c in (v if isinstance(v, str) else v[0])))


# --- reading pages ----------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ERROR_CLASSES = {"error", "errorlist", "errornote", "message-error", "message-warning"}


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # text, hidden, select, textarea, checkbox, radio, file, submit, number, date, email, password, …
    values: list  # the values a user could pick or find filled in (options, checked boxes, the input's value)
    default: str | None  # what the browser would send as the form stands (None: nothing)
    hint: str = ""  # the input's placeholder and inputmode
    seen_option: bool = False  # (a select: whether its first option was read)

    @property
    def nature(self):
        """What the parameter holds: choice, file, date, number or text."""
        if self.kind in ("select", "radio", "checkbox", "submit"):
            return "choice"
        if self.kind == "file":
            return "file"
        if self.kind == "date" or "yyyy" in self.hint:
            return "date"
        if self.kind == "number" or "decimal" in self.hint or "numeric" in self.hint or (
                self.default and re.fullmatch(r"-?\d+([.,]\d+)?", self.default)):
            return "number"
        return "text"


@dataclasses.dataclass
class Form:
    action: str  # a path
    method: str
    multipart: bool
    fields: list


ERROR_MARKERS = re.compile(r'class="[^"]*\b(error|errorlist|errornote|message-error|message-warning)\b'
                           r'|role="alert"')


class Page(HTMLParser):
    """Forms, same-site links, error messages and the main text of an HTML page."""

    def __init__(self, url, html):
        super().__init__(convert_charrefs=True)
        self.url, self.forms, self.links, self.errors = url, [], [], []
        self._stack, self._form, self._select, self._textarea = [], None, None, None
        self._error, self._error_depth, self._main, self._skip = None, 0, [], 0
        self._in_main, self._option, self._option_text = None, None, []
        self.main_text, self.body_text = "", []
        self.feed(html)
        self.close()
        self.main_text = " ".join("".join(self._main).split())
        self.body_text = " ".join("".join(self.body_text).split())

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        if tag not in VOID:
            self._stack.append(tag)
        classes = set(a.get("class", "").split())
        if self._error is None and tag not in VOID and (classes & ERROR_CLASSES or a.get("role") == "alert"):
            self._error, self._error_depth = [], len(self._stack)
        if tag == "main":
            self._in_main = len(self._stack)
        if tag == "form":
            self._form = Form(urlsplit(urljoin(self.url, a.get("action") or self.url)).path,
                              (a.get("method") or "get").upper(), "multipart" in a.get("enctype", ""), [])
            self.forms.append(self._form)
        elif tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        elif self._form is not None and tag in ("input", "button") and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            sent = kind not in ("checkbox", "radio", "submit", "file", "image", "reset") or "checked" in a
            field = self._add(a["name"], kind, value, value if sent else None)
            field.hint = f"{a.get('placeholder', '')} {a.get('inputmode', '')}".strip()
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = self._add(a["name"], "select", None, None)
        elif tag == "option" and self._select is not None:
            self._option = a
            self._option_text = []
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._textarea = self._add(a["name"], "textarea", None, "")

    def _add(self, name, kind, value, default):
        field = next((f for f in self._form.fields if f.name == name), None)
        if field is None:
            field = Field(name, kind, [], default)
            self._form.fields.append(field)
        elif field.default is None:
            field.default = default
        if value not in (None, "") and value not in field.values:
            field.values.append(value)
        return field

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if tag == "option" and self._select is not None and self._option is not None:
            value = self._option.get("value", "".join(self._option_text).strip())
            if value and value not in self._select.values:
                self._select.values.append(value)
            if "selected" in self._option or not self._select.seen_option:  # else the browser sends the first
                self._select.default = value
            self._select.seen_option = True
            self._option = None
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None
        if tag == "form":
            self._form = None
        if tag in self._stack:
            while self._stack:
                if self._error is not None and len(self._stack) == self._error_depth:
                    text = " ".join("".join(self._error).split())
                    if text:
                        self.errors.append(text)
                    self._error = None
                if self._in_main == len(self._stack):
                    self._in_main = None
                if self._stack.pop() == tag:
                    break

    def handle_data(self, data):
        if self._skip:
            return
        if self._error is not None:
            self._error.append(data)
        if self._in_main:
            self._main.append(data)
        self.body_text.append(data)
        if self._textarea is not None:
            text = (self._textarea.default or "") + data
            self._textarea.default = text.removeprefix("\n")  # as browsers read it
        if self._select is not None and self._option is not None:
            self._option_text.append(data)


def url_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


# --- the language check ------------------------------------------------------------------------------------

VIETNAMESE_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                               re.IGNORECASE)
# Words of Django's (and our) English messages that no Vietnamese sentence contains (short words that are
# also Vietnamese syllables, such as "an", "to", "in", "no", are left out).
ENGLISH = re.compile(
    r"\b(the|this|that|these|is|are|was|were|be|been|has|have|field|enter|valid|invalid|please|must|"
    r"ensure|required|select|choose|value|values|characters?|number|whole|date|files?|upload(ed)?|"
    r"submitted|error|errors|forbidden|bad request|not found|server|request|token|allowed|denied|correct|"
    r"below|above|already|exists?|with|your|you|only|at most|at least|too|many|should|cannot|can't|"
    r"of|for|and|not|page|permission|verification|failed|aborted|sorry)\b", re.IGNORECASE)
NOT_VIETNAMESE_BUT_FINE = set()  # exact texts allowed without a Vietnamese letter (none needed so far)


def english_in(text, sent=()):
    """`text` (an error message) if it is not Vietnamese, else None: it must have a Vietnamese letter and at
    most one English word. What the user typed is taken out first: a message may quote it."""
    checked = text
    for value in sorted((v for v in sent if v and len(v.strip()) >= 3), key=len, reverse=True):
        checked = checked.replace(value, " ").replace(value.strip(), " ")
    checked = " ".join(checked.split())
    if not checked.strip(" .,:;!?-—–“”\"'()[]0123456789×…") or checked in NOT_VIETNAMESE_BUT_FINE:
        return None
    if len(ENGLISH.findall(checked)) >= 2 or not VIETNAMESE_LETTER.search(checked):
        return " ".join(text.split())
    return None


# --- the saved data -----------------------------------------------------------------------------------------

TRACKED_APPS = ("accounts", "geo", "products", "evaluation", "certificates", "portal", "admin", "django_tasks_db")
LIGHT_ROWS = 500  # tables larger than this at the start (the country's communes, the rulebook) are counted only


def tracked_models():
    models = []
    for label in TRACKED_APPS:
        try:
            models.extend(apps.get_app_config(label).get_models())
        except LookupError:
            continue
    return sorted(models, key=lambda m: m._meta.label)


# Columns that hold a file derived from the row, filled on first use (a certificate's stored PDF is rendered when
# first downloaded if the worker has not done it yet): not saved data a request could change.
DERIVED_FIELDS = {"certificates.Certificate": ("pdf", "pdf_sha256", "pdf_watermark")}


class Snapshot:
    """A fingerprint of every saved row of the app's tables (rows hashed; very large tables counted)."""

    def __init__(self):
        self.models = tracked_models()
        self.light = {m for m in self.models if m._base_manager.count() > LIGHT_ROWS}

    def take(self):
        state = {}
        for model in self.models:
            qs = model._base_manager.order_by("pk")
            if model in self.light:
                state[model._meta.label] = (qs.count(), qs.values_list("pk", flat=True).last())
            else:
                derived = DERIVED_FIELDS.get(model._meta.label, ())
                fields = [f.attname for f in model._meta.concrete_fields if f.attname not in derived]
                rows = repr([tuple(r) for r in qs.values_list(*fields)])
                state[model._meta.label] = hashlib.sha256(rows.encode()).hexdigest()
        return state

    @staticmethod
    def changed(before, after):
        return sorted(label for label in before if before[label] != after.get(label))


# --- findings ---------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Probe:
    role: str
    method: str
    path: str  # may carry a query string
    name: str  # the URL pattern's name
    data: dict  # parameter → value (str, list of str, or (filename, bytes) for a file)
    focus: str = ""  # the parameter under test, for the report ("path" for a path segment)
    multipart: bool = False
    csrf: bool = False  # enforce CSRF (a request without a token)
    strict: tuple = ()  # parameters that hold plain decimals only: any other value must be refused
    before: object = None  # callable(client) run first, in the same savepoint (e.g. open the set-password page)


@dataclasses.dataclass
class Finding:
    kind: str  # "5xx", "data changed", "not Vietnamese"
    probe: Probe
    detail: str
    signature: str

    def params(self):
        p = self.probe
        if p.focus and all(name in p.data for name in p.focus.split(",")):
            return "; ".join(f"{name}={shown(p.data[name])}" for name in p.focus.split(","))
        if p.csrf:
            return "no CSRF token"
        return f"{p.focus} in the path" if p.focus else "-"

    def line(self):
        p = self.probe
        where = f"{p.method} {shown(p.path) if len(p.path) > 80 else p.path}"
        return f"[{self.kind}] {where} ({p.name}) as {p.role}; {self.params()}: {self.detail}"


def _signature(error):
    """Where the app's code failed, and how (with the values taken out): one defect, however reached."""
    tb = error.__traceback__
    frames = [f for f in traceback.extract_tb(tb) if str(settings.BASE_DIR) in f.filename
              and "/tests/" not in f.filename and "/.venv/" not in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(tb)[-1]
    how = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", str(error).splitlines()[0] if str(error) else "")[:60]
    return f"{type(error).__name__} at {os.path.relpath(frame.filename, settings.BASE_DIR)}:{frame.lineno}: {how}"


class Findings:
    """Every failure, grouped by what it is (the same defect seen again only counts)."""

    def __init__(self):
        self.groups = {}

    def add(self, finding):
        p = finding.probe
        # The same English text is one defect wherever it shows; a crash or a change is one per URL pattern.
        key = (finding.kind, finding.signature) if finding.kind == "not Vietnamese" else (
            finding.kind, p.method, p.name, finding.signature)
        group = self.groups.setdefault(key, {"first": finding, "count": 0, "roles": set(), "params": set(),
                                             "names": set(), "values": []})
        group["count"] += 1
        value = shown(p.data[p.focus]) if p.focus in p.data else None
        if value and value not in group["values"] and len(group["values"]) < 8:
            group["values"].append(value)
        group["roles"].add(p.role)
        group["names"].add(f"{p.method} {p.name}")
        group["params"].update(filter(None, p.focus.split(",")))

    def __bool__(self):
        return bool(self.groups)

    def report(self):
        lines = []
        for group in self.groups.values():
            roles, params = ", ".join(sorted(group["roles"])), ", ".join(sorted(group["params"])) or "-"
            also = sorted(group["names"] - {f"{group['first'].probe.method} {group['first'].probe.name}"})
            also = f"; also {', '.join(also[:8])}{' …' if len(also) > 8 else ''}" if also else ""
            values = f"; values: {', '.join(group['values'])}" if len(group["values"]) > 1 else ""
            lines.append(f"{group['first'].line()}  (×{group['count']}; roles: {roles}; parameters: {params}"
                         f"{values}{also})")
        return "\n".join(sorted(lines))

    def dump(self, path, label):
        with open(path, "a", encoding="utf-8") as out:
            for group in self.groups.values():
                f = group["first"]
                out.write(json.dumps({
                    "test": label, "kind": f.kind, "method": f.probe.method, "path": f.probe.path[:300],
                    "name": f.probe.name, "example": f.params(), "params": sorted(group["params"]),
                    "roles": sorted(group["roles"]), "count": group["count"], "detail": f.detail[:2000],
                    "names": sorted(group["names"]), "values": group["values"],
                    "signature": f.signature, "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                }, ensure_ascii=False) + "\n")


def collecting():
    return os.environ.get("OCOP_FUZZ_COLLECT") == "1"


def finish(findings, label):
    """Fail with every finding (default), or, with OCOP_FUZZ_COLLECT=1, record them and pass."""
    if not findings:
        return
    if collecting():
        report = os.environ.get("OCOP_FUZZ_REPORT", os.path.join(tempfile.gettempdir(), "ocop-fuzz-findings.jsonl"))
        findings.dump(report, label)
        print(f"\n{label}:\n{findings.report()}")  # noqa: T201 — collect mode reports on the terminal
        return
    raise AssertionError(f"{len(findings.groups)} distinct failures:\n{findings.report()}")


# --- sending ----------------------------------------------------------------------------------------------

NOT_A_PLAIN_NUMBER = re.compile(r"[^0-9.,+\- ]")  # an exponent, an underscore, other scripts' digits, …
UNTRACKED_TABLES = ("DJANGO_SESSION", "AXES_")  # sessions and login throttling: written by refusals too
REFUSED = {200, 400, 403, 404, 405, 409, 413, 429}


def _encode(data):
    out = {}
    for name, value in data.items():
        out[name] = SimpleUploadedFile(value[0], value[1]) if isinstance(value, tuple) else value
    return out


def _sent_texts(probe):
    texts = []
    for value in probe.data.values():
        if isinstance(value, list):
            texts.extend(value[:1])
        elif isinstance(value, str):
            texts.append(value)
    return texts


def _json_messages(content):
    """The texts a JSON error body gives its reader: every "detail" and "message" (the API's errors)."""
    try:
        body = json.loads(content)
    except ValueError:
        return [content.decode("utf-8", "replace")[:500]]
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("detail", "message") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(body)
    return found


class Runner:
    """Sends probes as the scenario's roles, each inside a savepoint that is rolled back, and records findings."""

    def __init__(self, sessions, snapshot, baseline, findings):
        self.sessions, self.snapshot, self.baseline, self.findings = sessions, snapshot, baseline, findings
        self.wrote, self.probe_baseline = False, None

    def _watch(self, execute, sql, params, many, context):
        """Notes whether the request wrote to a tracked table (then the saved data is compared, else not)."""
        head = sql.lstrip()[:80].upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")) and not any(
                table in head for table in UNTRACKED_TABLES):
            self.wrote = True
        return execute(sql, params, many, context)

    def client(self, role, csrf=False):
        client = Client(raise_request_exception=True, enforce_csrf_checks=csrf)
        if self.sessions.get(role):
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client

    def send(self, probe):
        """The response (or None after a server error). Nothing it did stays in the database."""
        with transaction.atomic():
            try:
                return self._send(probe)
            finally:
                transaction.set_rollback(True)

    def _send(self, probe):
        client = self.client(probe.role, probe.csrf)
        self.wrote, self.probe_baseline = False, None
        try:
            with transaction.atomic(), connection.execute_wrapper(self._watch):
                # (the inner savepoint: a failed query inside the view must not poison the outer one)
                if probe.before:
                    probe.before(client)
                    if self.wrote:  # the set-up wrote (e.g. a request to decline): compare with the state after it
                        self.probe_baseline, self.wrote = self.snapshot.take(), False
                if probe.method == "GET":
                    response = client.get(probe.path, probe.data)
                elif probe.multipart:
                    response = client.post(probe.path, _encode(probe.data))
                else:
                    response = client.post(probe.path, probe.data)
        except Exception as error:
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            where = _signature(error)
            self.findings.add(Finding("5xx", probe, f"{detail[:400]} ({where.split(': ')[0]})", where))
            return None
        if response.status_code >= 500:
            self.findings.add(Finding("5xx", probe, f"status {response.status_code}", str(response.status_code)))
            return response
        self.check_language(probe, response)
        self.check_data(probe, response)
        self.check_strict(probe, response)
        return response

    def check_strict(self, probe, response):
        """A number written otherwise than with ASCII digits and a comma or a dot (1e1, 1_0, ٣, …), in a
        parameter that takes plain decimals, must be refused."""
        bad = [name for name in probe.strict if isinstance(probe.data.get(name), str)
               and NOT_A_PLAIN_NUMBER.search(probe.data[name].strip())]
        if bad and self.wrote and response.status_code in (301, 302, 303) and not {
                m.level for m in self.messages_of(response)} & {messages.ERROR, messages.WARNING}:
            self.findings.add(Finding("accepted", probe, f"{response.status_code}: saved "
                                      + ", ".join(f"{n}={probe.data[n]!r}" for n in bad), "malformed number"))

    def messages_of(self, response):
        request = getattr(response, "wsgi_request", None)
        return list(messages.get_messages(request)) if request is not None else []

    def check_data(self, probe, response):
        if not self.wrote:
            return
        levels = {m.level for m in self.messages_of(response)}
        if probe.method == "POST":
            if messages.SUCCESS in levels:
                return  # accepted (perhaps partly, e.g. a sheet saved for some products and in conflict for others)
            refused = response.status_code in REFUSED or (
                300 <= response.status_code < 400 and levels & {messages.ERROR, messages.WARNING})
            if not refused:
                return
        changed = Snapshot.changed(self.probe_baseline or self.baseline, self.snapshot.take())
        if changed:
            what = "a GET" if probe.method == "GET" else f"a refused POST ({response.status_code})"
            self.findings.add(Finding("data changed", probe, f"{what} changed {', '.join(changed)}",
                                      ",".join(changed)))

    def check_language(self, probe, response):
        sent = _sent_texts(probe)
        texts = [str(m) for m in self.messages_of(response) if m.level >= messages.WARNING]
        content_type = response.get("Content-Type", "")
        if not getattr(response, "streaming", False) and content_type.startswith("text/html"):
            html = response.content.decode("utf-8", "replace")
            if response.status_code >= 400 or ERROR_MARKERS.search(html):  # (reading a page takes time)
                page = Page(probe.path, html)
                texts.extend(page.errors)
                if response.status_code >= 400:
                    texts.append(page.main_text or page.body_text)
        elif response.status_code >= 400 and content_type.startswith("application/json"):
            texts.extend(_json_messages(response.content))  # the messages, not the keys ("detail", "errors")
        elif response.status_code >= 400 and not getattr(response, "streaming", False):
            texts.append(response.content.decode("utf-8", "replace")[:500])
        for text in texts:
            english = english_in(text, sent)
            if english:
                shown_text = english if len(english) < 200 else english[:200] + "…"
                self.findings.add(Finding("not Vietnamese", probe, f"{response.status_code}: {shown_text!r}",
                                          re.sub(r"\d+", "#", english[:120])))
