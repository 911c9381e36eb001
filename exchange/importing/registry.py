"""Import of a province's registry history: producers, products and their past recognitions, one row per
recognised product in the official list's layout (what exchange's export writes). A row without a decision
number brings in the producer and product only.

Producers are matched by registration code, else by normalised name (ocop.text.search_key) and commune; products
by normalised name within their producer; decisions by issuer, year and number. A past recognition becomes an
imported decision (evaluation.DecisionKind.IMPORTED: no round, no council scores), its recognition (stars, no
points) and its certificate with the number and dates on paper, which the standing derivation counts like any
other.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.models import Certificate
from certificates.services import record_past_certificate
from evaluation.authorities import PEOPLES_COMMITTEE
from evaluation.models import Decision, Recognition
from evaluation.models.decisions import DecisionKind
from exchange.importing.reading import BadValue, ImportRefused, Problem, date, read_table, text
from exchange.importing.workbooks import COMMON_RULES, build
from exchange.models import ImportBatch, ImportedRow, ImportKind
from geo.models import Commune
from geo.reform import place_name
from ocop.text import in_sentence, search_key, whole_number
from products.enums import ClassificationScheme, LegalType, ProductStatus
from products.models import Producer, Product, ProductGroup

SHEET = "Danh sách"
COLUMNS = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao", "Số quyết định", "Ngày quyết định",
           "Hiệu lực đến", "Mã số chủ thể", "Loại hình chủ thể", "Người đại diện", "Mã xã", "Tên xã", "Tỉnh",
           "Nhóm sản phẩm", "Phân loại", "Cơ quan ban hành", "Người ký", "Chức vụ người ký", "Số giấy chứng nhận",
           "Ngày cấp", "Hiệu lực từ"]
(NUMBER, PRODUCT, PRODUCER, ADDRESS, STARS, DECISION, DECIDED_ON, VALID_UNTIL, CODE, LEGAL_TYPE, REPRESENTATIVE,
 COMMUNE, COMMUNE_NAME, PROVINCE, GROUP, SCHEME, ISSUER, SIGNER, SIGNER_TITLE, CERTIFICATE, ISSUED_ON,
 VALID_FROM) = COLUMNS
REQUIRED = [PRODUCT, PRODUCER, ADDRESS, STARS, DECISION, DECIDED_ON, VALID_UNTIL, CODE, COMMUNE, GROUP]
OPTIONAL = [c for c in COLUMNS if c not in REQUIRED]


class Match:
    CODE = "code"
    NAME = "name"
    NEW = "new"


MATCH_LABELS = {Match.CODE: gettext_lazy("matched by registration code"),
                Match.NAME: gettext_lazy("matched by name and commune"), Match.NEW: gettext_lazy("new")}
LENGTHS = {PRODUCT: 200, PRODUCER: 200, ADDRESS: 255, CODE: 30, REPRESENTATIVE: 120, DECISION: 40, ISSUER: 160,
           SIGNER: 120, SIGNER_TITLE: 160, CERTIFICATE: 60}


@dataclass
class RegistryRow:
    number: int
    product_name: str
    producer_name: str
    producer_code: str
    match: str = ""  # Match.*
    producer: Producer | None = None  # the matched producer (None: created at commit, from `new_producer`)
    new_producer: dict | None = None
    product: Product | None = None
    new_product: dict | None = None
    commune: Commune | None = None
    group: ProductGroup | None = None
    decision_key: tuple | None = None  # (authority, year, number): None for a row without a decision
    decision: dict | None = None
    stars: int | None = None
    certificate: dict = field(default_factory=dict)
    already: bool = False  # the recognition is already recorded

    @property
    def match_label(self):
        return MATCH_LABELS[self.match] if self.match else ""


@dataclass
class RegistryPlan:
    province: object
    file_name: str
    sha256: str
    rows: list
    problems: list
    already: ImportBatch | None = None

    @property
    def ok(self):
        return not self.problems

    def count(self, match):
        return len({(r.producer_code, r.producer_name) for r in self.rows if r.match == match})


def _legal_types():
    with translation.override("vi"):
        names = {search_key(str(label)): value for value, label in LegalType.choices}
    return names | {search_key(value): value for value in LegalType.values}


def _schemes():
    with translation.override("vi"):
        names = {search_key(str(label)): value for value, label in ClassificationScheme.choices}
    return names | {search_key(value): value for value in ClassificationScheme.values}


def default_issuer(province):
    return f"{PEOPLES_COMMITTEE} {in_sentence(province.name)}"


def plan_registry(data: bytes, file_name: str, *, province=None) -> RegistryPlan:
    """Read and check the whole file; nothing is written. `province` limits the rows to one province (a staff
    member's); without it (the command) each row's commune gives its province."""
    table = read_table(data, file_name, required=REQUIRED, optional=OPTIONAL, sheet_name=SHEET)
    plan = RegistryPlan(province, file_name, table.sha256, [], list(table.problems))
    batches = ImportBatch.objects.filter(kind=ImportKind.REGISTRY, sha256=table.sha256)
    plan.already = (batches.filter(province=province) if province else batches).first()
    communes = Commune.objects.select_related("province")
    codes = {whole_number(text(r.cells[COMMUNE])) for r in table.rows} - {None}
    communes = {c.code: c for c in communes.filter(code__in=codes)}
    groups = {}
    for group in ProductGroup.objects.all():
        groups.setdefault(search_key(group.name), []).append(group)
    context = {"communes": communes, "groups": groups, "legal_types": _legal_types(), "schemes": _schemes(),
               "new_producers": {}, "seen": {}, "certificates": {}, "decisions": {}, **_known(table.rows, communes)}
    for source in table.rows:
        row = RegistryRow(source.number, text(source.cells[PRODUCT]), text(source.cells[PRODUCER]),
                          text(source.cells[CODE]))
        plan.problems += _check_row(plan, row, source.cells, source.flagged, context)
        plan.rows.append(row)
    plan.problems.sort(key=lambda p: (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else 0))
    return plan


def _known(rows, communes):
    """What the registry already holds that the file's rows may name, in a few queries whatever the file's size:
    producers by code and by (commune, normalised name), their products, the decisions, their recognitions, the
    certificate numbers."""
    codes = {text(r.cells[CODE]) for r in rows} - {""}
    names = {search_key(text(r.cells[PRODUCER])) for r in rows}
    producers = list(Producer.objects.filter(registration_code__in=codes)) + list(
        Producer.objects.filter(commune__in=list(communes.values()), search_name__in=names).order_by("-pk"))
    by_name = {(p.commune_id, p.search_name): p for p in producers if p.search_name in names}
    products = {(p.producer_id, p.search_name): p for p in Product.objects.filter(
        producer__in=[p.pk for p in producers]).select_related("group").order_by("-pk")}
    numbers = {text(r.cells[DECISION]) for r in rows} - {""}
    decisions = {(d.authority, d.year, d.number): d for d in Decision.objects.filter(number__in=numbers)}
    recognitions = {(r.decision_id, r.product_id): r for r in Recognition.objects.filter(
        decision__in=list(decisions.values()))}
    certificates = {text(r.cells.get(CERTIFICATE)).upper() for r in rows} - {""}
    return {"by_code": {p.registration_code: p for p in producers}, "by_name": by_name, "products": products,
            "known_decisions": decisions, "recognitions": recognitions,
            "used_numbers": set(Certificate.objects.filter(number__in=certificates).values_list("number", flat=True))}


def _check_row(plan, row, cells, flagged, ctx):
    problems = []
    for column, limit in LENGTHS.items():
        if len(text(cells.get(column))) > limit:
            problems.append(Problem(row.number, column, text(cells.get(column))[:60] + "…",
                                    _("at most %(count)s characters") % {"count": limit}))
    if problems:
        return problems

    def problem(column, message, value=None):
        problems.append(Problem(row.number, column, text(cells.get(column)) if value is None else value, message))

    def required(column):
        if column in flagged:
            return ""
        value = text(cells.get(column))
        if not value:
            problem(column, _("required"), "")
        return value

    def day(column, default=None):
        if column in flagged:
            return None
        if cells.get(column) is None:
            return default
        try:
            return date(cells[column])
        except BadValue as error:
            problem(column, str(error))
            return None

    required(PRODUCT)
    required(PRODUCER)
    code = whole_number(required(COMMUNE))
    row.commune = ctx["communes"].get(code)
    if code is not None and row.commune is None or (code is None and text(cells.get(COMMUNE))):
        problem(COMMUNE, _("no commune has this code"))
    elif row.commune and plan.province and row.commune.province_id != plan.province.pk:
        problem(COMMUNE, _("this commune is not in %(province)s") % {"province": plan.province.short_name})
        row.commune = None
    # the product group, in the classification given (or the only group of that name)
    group_name = required(GROUP)
    candidates = ctx["groups"].get(search_key(group_name), [])
    scheme_text = text(cells.get(SCHEME))
    if scheme_text:
        scheme = ctx["schemes"].get(search_key(scheme_text))
        if scheme is None:
            problem(SCHEME, _("not a classification (write 1048, 148 or 2026)"))
        candidates = [g for g in candidates if g.scheme == scheme]
    if group_name and not candidates:
        problem(GROUP, _("no product group of this name in the classification"))
    elif len(candidates) > 1:
        problem(GROUP, _("this name is used by several classifications: fill in the column %(column)s")
                % {"column": SCHEME})
    else:
        row.group = candidates[0] if candidates else None
    _match_producer(plan, row, cells, ctx, problem)
    _match_product(row, ctx)
    # the recognition, when the row has a decision
    number = text(cells.get(DECISION))
    if not number:
        return problems
    stars = whole_number(text(cells.get(STARS)).replace("★", "").replace("sao", "").strip())
    if stars not in (3, 4, 5):
        problem(STARS, _("a number of stars from 3 to 5") if text(cells.get(STARS)) else _("required"))
    row.stars = stars
    signed_on = day(DECIDED_ON)
    if signed_on is None and cells.get(DECIDED_ON) is None:
        problem(DECIDED_ON, _("required"), "")
    until = day(VALID_UNTIL)
    if until is None and cells.get(VALID_UNTIL) is None:
        problem(VALID_UNTIL, _("required"), "")
    issued_on, valid_from = day(ISSUED_ON, signed_on), day(VALID_FROM, signed_on)
    if until and issued_on and until <= issued_on:
        problem(VALID_UNTIL, _("the certificate must be valid after the day it was issued (%(date)s)")
                % {"date": issued_on.strftime("%d/%m/%Y")})
    if signed_on and signed_on > timezone.localdate():
        problem(DECIDED_ON, _("a decision cannot be dated in the future"))
    province = plan.province or (row.commune.province if row.commune else None)
    if signed_on is None or province is None or problems:
        return problems
    issuer = text(cells.get(ISSUER)) or default_issuer(province)
    row.decision_key = (issuer, signed_on.year, number)
    decision = {"number": number, "signed_on": signed_on, "authority": issuer, "province": province,
                "signer_name": text(cells.get(SIGNER)), "signer_title": text(cells.get(SIGNER_TITLE))}
    first = ctx["decisions"].setdefault(row.decision_key, (row.number, decision))
    if first[1]["signed_on"] != signed_on:
        problem(DECIDED_ON, _("decision %(number)s is dated differently on row %(row)s")
                % {"number": number, "row": first[0]})
    row.decision = decision
    certificate_number = text(cells.get(CERTIFICATE)).upper()
    row.certificate = {"number": certificate_number, "issued_on": issued_on, "in_force_from": valid_from,
                       "expires_on": until}
    product_key = (row.producer_code or row.producer_name, search_key(row.product_name))
    seen = ctx["seen"].setdefault((product_key, row.decision_key), row.number)
    if seen != row.number:
        problem(PRODUCT, _("duplicate: this product and decision are already on row %(row)s") % {"row": seen})
    if certificate_number:
        other = ctx["certificates"].setdefault(certificate_number, row.number)
        if other != row.number:
            problem(CERTIFICATE, _("duplicate: this certificate number is already on row %(row)s") % {"row": other})
    _check_existing(row, problem, ctx)
    return problems


def _match_producer(plan, row, cells, ctx, problem):
    """By registration code, else by normalised name and commune, else a new producer (which needs a code)."""
    producer = ctx["by_code"].get(row.producer_code) if row.producer_code else None
    if producer is not None:
        row.producer, row.match = producer, Match.CODE
    elif row.commune is not None and row.producer_name:
        producer = ctx["by_name"].get((row.commune.pk, search_key(row.producer_name)))
        if producer is not None:
            row.producer, row.match = producer, Match.NAME
    if producer is not None:
        if plan.province and producer.province_id != plan.province.pk:
            problem(CODE, _("this producer belongs to another province"))
        return
    row.match = Match.NEW
    if not row.producer_code:
        problem(CODE, _("required for a new producer"), "")
        return
    legal_type = ctx["legal_types"].get(search_key(text(cells.get(LEGAL_TYPE))))
    if legal_type is None:
        problem(LEGAL_TYPE, _("a new producer needs its legal type (Doanh nghiệp, Hợp tác xã, Tổ hợp tác, Hộ kinh "
                              "doanh)"))
    key = row.producer_code
    first = ctx["new_producers"].setdefault(key, row)
    if first is not row and search_key(first.producer_name) != search_key(row.producer_name):
        problem(PRODUCER, _("registration code %(code)s is given another name on row %(row)s")
                % {"code": key, "row": first.number})
    row.new_producer = {"registration_code": row.producer_code, "name": row.producer_name, "legal_type": legal_type,
                        "representative": text(cells.get(REPRESENTATIVE)), "address": text(cells.get(ADDRESS)),
                        "commune": row.commune}


def _match_product(row, ctx):
    if row.producer is not None and row.product_name:
        row.product = ctx["products"].get((row.producer.pk, search_key(row.product_name)))
    if row.product is None:
        row.new_product = {"name": row.product_name, "group": row.group}


def _check_existing(row, problem, ctx):
    """A recognition already recorded with the same stars is left as it is; with other stars it is an error
    (the import never overwrites)."""
    number = row.decision_key[2]
    decision = ctx["known_decisions"].get(row.decision_key)
    if decision is not None and decision.signed_on != row.decision["signed_on"]:
        problem(DECIDED_ON, _("decision %(number)s is recorded dated %(date)s")
                % {"number": number, "date": decision.signed_on.strftime("%d/%m/%Y")})
    if decision is not None and row.product is not None:
        recognition = ctx["recognitions"].get((decision.pk, row.product.pk))
        if recognition is not None:
            if recognition.stars != row.stars:
                problem(STARS, _("this decision recognised the product with %(stars)s stars")
                        % {"stars": recognition.stars})
            row.already = True
            return
    number = row.certificate["number"]
    if number and number in ctx["used_numbers"]:
        problem(CERTIFICATE, _("this certificate number is already used by another certificate"))


def reason_for(file_name, row):
    with translation.override("vi"):
        return _("Imported from %(file)s, row %(row)s") % {"file": file_name, "row": row}


@transaction.atomic
def commit_registry(plan: RegistryPlan, *, actor) -> ImportBatch:
    """Write the plan, all or nothing; the recognitions in the order of their decisions' dates, so each
    certificate takes over from the one before it. A file already imported changes nothing."""
    if not plan.ok:
        raise ImportRefused(_("The file has %(count)s error(s): nothing was imported.") % {"count": len(plan.problems)},
                            plan.problems)
    if plan.already is not None:
        return plan.already
    created = []  # (row number, object)
    producers, products, decisions = {}, {}, {}
    for row in plan.rows:
        reason = reason_for(plan.file_name, row.number)
        producer = row.producer
        if producer is None:
            producer = producers.get(row.producer_code)
            if producer is None:
                producer = Producer(**row.new_producer)
                producer.save()
                producers[row.producer_code] = producer
                created.append((row.number, producer))
        row.producer = producer
        product = row.product or products.get((producer.pk, search_key(row.product_name)))
        if product is None:
            product = Product(producer=producer, name=row.product_name, group=row.group,
                              status=ProductStatus.DECIDED if row.decision_key else ProductStatus.DRAFT)
            product._history_user, product._change_reason = actor, reason
            product.save()
            products[(producer.pk, search_key(row.product_name))] = product
            created.append((row.number, product))
        row.product = product
    recognised = sorted((r for r in plan.rows if r.decision_key and not r.already),
                        key=lambda r: (r.certificate["in_force_from"], r.decision["signed_on"], r.number))
    for position, row in enumerate(recognised, start=1):
        reason = reason_for(plan.file_name, row.number)
        decision = decisions.get(row.decision_key) or Decision.objects.filter(
            authority=row.decision_key[0], year=row.decision_key[1], number=row.decision_key[2]).first()
        if decision is None:
            spec = row.decision
            decision = Decision(kind=DecisionKind.IMPORTED, round=None, province=spec["province"],
                                number=spec["number"], signed_on=spec["signed_on"], year=spec["signed_on"].year,
                                authority=spec["authority"], authority_header=spec["authority"].upper(),
                                place=place_name(spec["province"].name), signer_name=spec["signer_name"],
                                signer_title=spec["signer_title"], finalised_by=None)
            decision._history_user, decision._change_reason = actor, reason
            decision.save()
            created.append((row.number, decision))
        decisions[row.decision_key] = decision
        recognition = Recognition(decision=decision, enrolment=None, product=row.product, stars=row.stars,
                                  points=None, position=position)
        recognition._history_user, recognition._change_reason = actor, reason
        recognition.save()
        created.append((row.number, recognition))
        certificate = record_past_certificate(
            recognition, number=row.certificate["number"], issued_on=row.certificate["issued_on"],
            in_force_from=row.certificate["in_force_from"], expires_on=row.certificate["expires_on"], actor=actor,
            reason=reason)
        created.append((row.number, certificate))
    batch = ImportBatch.objects.create(kind=ImportKind.REGISTRY, file_name=plan.file_name[:255], sha256=plan.sha256,
                                       province=plan.province, imported_by=actor, row_count=len(plan.rows),
                                       changed_count=len(created))
    types = {}
    ImportedRow.objects.bulk_create([
        ImportedRow(batch=batch, row=number, object_id=obj.pk,
                    content_type=types.setdefault(type(obj), ContentType.objects.get_for_model(type(obj))))
        for number, obj in created])
    return batch


def registry_template(province) -> bytes:
    """The official list's layout to fill in, with the province's communes, the product groups, the
    classifications, the stars and the legal types as drop-down lists."""
    communes = list(Commune.objects.filter(province=province).order_by("name")) if province else []
    groups = list(ProductGroup.objects.order_by("scheme", "position"))
    with translation.override("vi"):
        legal_types = [str(label) for _value, label in LegalType.choices]
    instructions = [
        "Mẫu nhập chủ thể, sản phẩm và các lần công nhận trước" + (f" — {province.name}" if province else ""),
        "",
        ("Mỗi dòng là một sản phẩm (đã được công nhận thì kèm quyết định và giấy chứng nhận), theo mẫu danh sách "
        "sản phẩm OCOP chính thức."),
        ("• Chủ thể được nhận diện theo Mã số chủ thể (mã số doanh nghiệp, hợp tác xã hoặc mã số thuế); không có mã "
        "thì theo tên chủ thể và Mã xã. Chủ thể mới cần Mã số chủ thể và Loại hình chủ thể."),
        ("• Sản phẩm được nhận diện theo tên trong cùng chủ thể. Nhóm sản phẩm chọn trong danh sách; Phân loại là "
        "bộ tiêu chí (1048, 148 hoặc 2026)."),
        "• Mã xã là mã đơn vị hành chính chính thức (xem danh sách thả xuống; Tên xã và Tỉnh chỉ để đối chiếu).",
        ("• Dòng có Số quyết định là một lần công nhận: Hạng sao (3–5), Ngày quyết định, Hiệu lực đến bắt buộc; "
        "Ngày cấp và Hiệu lực từ mặc định là ngày quyết định; Cơ quan ban hành mặc định là Ủy ban nhân dân tỉnh. "
        "Không có Số giấy chứng nhận thì hệ thống cấp số theo mẫu số của tỉnh."),
        ("• Lần công nhận nhập từ tệp không có điểm hội đồng (không tự tạo điểm); giấy chứng nhận được tính vào tình "
        "trạng OCOP của sản phẩm như mọi giấy chứng nhận khác."),
        "• Để trống Số quyết định để chỉ nhập chủ thể và sản phẩm.",
        "",
        *COMMON_RULES,
    ]
    return build(SHEET, COLUMNS, [], instructions=instructions, lists={
        COMMUNE: [c.code for c in communes], COMMUNE_NAME: [c.name for c in communes],
        GROUP: list(dict.fromkeys(g.name for g in groups)), SCHEME: list(ClassificationScheme.values),
        STARS: [3, 4, 5], LEGAL_TYPE: legal_types,
    }, widths={PRODUCT: 36, PRODUCER: 36, ADDRESS: 36, GROUP: 30, ISSUER: 30})
