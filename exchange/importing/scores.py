"""Import of a council's scores for a round: one row per product × member, one column per part (or per criterion
when the round scores in detail), read, checked row by row (plan), then written in one transaction through the
evaluation services (commit)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from evaluation import services
from evaluation.enums import ENROLMENT_OPEN_IN, SCORES_EDITABLE_IN, RoundState
from evaluation.errors import EvaluationError, RoundLocked
from evaluation.models import Criterion, Score
from exchange.importing.reading import ImportRefused, Problem, number_text, read_table, text
from exchange.importing.workbooks import COMMON_RULES, build
from exchange.models import ImportBatch, ImportedRow, ImportKind
from ocop.text import search_key
from products.models import Product

SHEET = "Điểm"
NUMBER, PRODUCER_CODE, PRODUCER, PRODUCT = "STT", "Mã số chủ thể", "Chủ thể", "Tên sản phẩm"
MEMBER = "Thành viên hội đồng"
REQUIRED = [PRODUCER_CODE, PRODUCT, MEMBER]


def part_header(code):
    return f"Phần {code}"


def criterion_header(code):
    return f"Tiêu chí {code}"


def header_of(column):
    return criterion_header(column.label) if column.criterion_id else part_header(column.label)


def score_headers(round_):
    """The score columns a file for this round may have: the parts, and each criterion code when it scores in
    detail."""
    headers = [part_header(p.code) for p in round_.criteria_set.parts.all()]
    if round_.detailed_scoring:
        codes = Criterion.objects.filter(part__criteria_set=round_.criteria_set).values_list("code", flat=True)
        headers += list(dict.fromkeys(criterion_header(c) for c in codes.order_by("part__position", "position")))
    return headers


@dataclass
class ScoreRow:
    number: int
    producer_code: str
    product_name: str
    member_name: str
    product: Product | None = None
    enrolment_id: int | None = None
    member: object = None
    values: dict = field(default_factory=dict)  # Column → Decimal
    enrol: bool = False  # the product is enrolled in the round by the import

    @property
    def total(self):
        return sum(self.values.values(), Decimal(0))


@dataclass
class ScorePlan:
    round: object
    file_name: str
    sha256: str
    rows: list
    problems: list
    already: ImportBatch | None = None

    @property
    def ok(self):
        return not self.problems

    @property
    def to_enrol(self):
        return len({r.product.pk for r in self.rows if r.enrol})


def check_round(round_):
    """Scores are imported, as they are typed, only while the round is open for scoring."""
    if round_.state == RoundState.DECIDED:
        raise ImportRefused(_("This round is decided: its scores are locked. Change them by a recorded correction, "
                              "not by an import."))
    if round_.state not in SCORES_EDITABLE_IN:
        raise ImportRefused(RoundLocked.for_state(round_.state).message)


def plan_scores(round_, data: bytes, file_name: str) -> ScorePlan:
    """Read and check the whole file; nothing is written. Every problem is listed."""
    check_round(round_)
    table = read_table(data, file_name, required=REQUIRED, optional=[NUMBER, PRODUCER, *score_headers(round_)],
                       sheet_name=SHEET)
    plan = ScorePlan(round_, file_name, table.sha256, [], list(table.problems))
    plan.already = ImportBatch.objects.filter(kind=ImportKind.SCORES, round=round_, sha256=table.sha256).first()
    members = {search_key(m.name): m for m in round_.members.all()}
    enrolled = dict(round_.enrolments.values_list("product_id", "pk"))
    codes = {text(r.cells[PRODUCER_CODE]) for r in table.rows}
    products = {}
    for product in Product.objects.filter(producer__registration_code__in=codes).select_related("producer", "group"):
        products[(product.producer.registration_code, search_key(product.name))] = product
    groups = {p.group_id for p in products.values()}
    columns = services.columns_by_group(round_, groups) if groups else {}
    seen = {}
    for source in table.rows:
        row = ScoreRow(source.number, text(source.cells[PRODUCER_CODE]), text(source.cells[PRODUCT]),
                       text(source.cells[MEMBER]))
        problems = _check_row(plan, row, source, members, products, enrolled, columns, table.columns)
        if not problems and row.product is not None and row.member is not None:
            key = (row.product.pk, row.member.pk)
            if key in seen:
                problems.append(Problem(row.number, MEMBER, row.member_name,
                                        _("duplicate: this product and member are already on row %(row)s")
                                        % {"row": seen[key]}))
            seen.setdefault(key, row.number)
        plan.problems += problems
        plan.rows.append(row)
    plan.problems.sort(key=lambda p: (p.row or 0, p.column))
    return plan


def _check_row(plan, row, source, members, products, enrolled, columns, present):
    problems = []
    if source.flagged & {PRODUCER_CODE, PRODUCT, MEMBER}:
        return problems  # a formula where the product or member is named: told already
    if not row.producer_code:
        problems.append(Problem(row.number, PRODUCER_CODE, "", _("required")))
    if not row.product_name:
        problems.append(Problem(row.number, PRODUCT, "", _("required")))
    row.member = members.get(search_key(row.member_name))
    if row.member is None:
        problems.append(Problem(row.number, MEMBER, row.member_name,
                                _("not a member of this round's council") if row.member_name else _("required")))
    if row.producer_code and row.product_name:
        row.product = products.get((row.producer_code, search_key(row.product_name)))
        if row.product is None:
            problems.append(Problem(row.number, PRODUCT, row.product_name,
                                    _("no product of this name for the producer with registration code %(code)s")
                                    % {"code": row.producer_code}))
    if row.product is None:
        return problems
    round_ = plan.round
    row.enrolment_id = enrolled.get(row.product.pk)
    if row.enrolment_id is None:
        if round_.state not in ENROLMENT_OPEN_IN or row.product.producer.province_id != round_.province_id:
            problems.append(Problem(row.number, PRODUCT, row.product_name, _("not enrolled in this round")))
            return problems
        row.enrol = True
    for column in columns[row.product.group_id]:
        header = header_of(column)
        raw = source.cells.get(header)
        if header in source.flagged:
            continue
        if header not in present:
            problems.append(Problem(row.number, header, "", _("column missing for this product's sheet")))
        elif raw is None:
            problems.append(Problem(row.number, header, "", _("required")))
        else:
            try:
                row.values[column] = services.parse_points(number_text(raw), column, row.member_name)
            except EvaluationError as error:
                problems.append(Problem(row.number, header, number_text(raw), error.message))
    expected = {header_of(c) for c in columns[row.product.group_id]}
    for header in present:
        if header.startswith(criterion_header("")) and header not in expected and source.cells.get(header) is not None:
            problems.append(Problem(row.number, header, number_text(source.cells[header]),
                                    _("this criterion is not on the sheet of this product's group: leave it empty")))
    return problems


def reason_for(file_name, row):
    """The history's change reason, stored in Vietnamese whatever the page's language."""
    with translation.override("vi"):
        return _("Imported from %(file)s, row %(row)s") % {"file": file_name, "row": row}


@transaction.atomic
def commit_scores(plan: ScorePlan, *, actor) -> ImportBatch:
    """Write the plan, all or nothing. A file already imported into this round changes nothing."""
    if not plan.ok:
        raise ImportRefused(_("The file has %(count)s error(s): nothing was imported.") % {"count": len(plan.problems)},
                            plan.problems)
    if plan.already is not None:
        return plan.already
    round_ = plan.round
    enrolments = {}
    for row in plan.rows:
        if row.enrol and row.product.pk not in enrolments:
            try:
                enrolments[row.product.pk] = services.enrol_product(round_, row.product, actor=actor).pk
            except EvaluationError as error:
                raise ImportRefused(error.message, [Problem(row.number, PRODUCT, row.product_name,
                                                            error.message)]) from None
    sheets, origin = {}, {}
    for row in plan.rows:
        enrolment_id = row.enrolment_id or enrolments[row.product.pk]
        reason = reason_for(plan.file_name, row.number)
        sheet = sheets.setdefault(enrolment_id, {})
        for column, points in row.values.items():
            sheet[(row.member.pk, column)] = (points, reason)
            origin[(enrolment_id, row.member.pk, column.key)] = row.number
    try:
        written = services.record_imported_scores(round_, sheets, actor=actor)
    except EvaluationError as error:
        raise ImportRefused(error.message) from None
    batch = ImportBatch.objects.create(kind=ImportKind.SCORES, file_name=plan.file_name[:255], sha256=plan.sha256,
                                       round=round_, province=round_.province, imported_by=actor,
                                       row_count=len(plan.rows), changed_count=len(written))
    rows = [(origin[(s.enrolment_id, s.member_id, f"c{s.criterion_id}" if s.criterion_id else f"p{s.part_id}")],
             s.pk) for s in written]
    record_rows(batch, ContentType.objects.get_for_model(Score), rows)
    return batch


ROWS_FROM_ARRAYS = """
    INSERT INTO {table} (batch_id, "row", content_type_id, object_id)
    SELECT %s, r, %s, o FROM unnest(%s::integer[], %s::bigint[]) AS t(r, o)"""


def record_rows(batch, content_type, rows):
    """The provenance of each written object: [(row, object id)]. On PostgreSQL in one statement from arrays."""
    if connection.vendor != "postgresql" or not rows:
        ImportedRow.objects.bulk_create([ImportedRow(batch=batch, content_type=content_type, row=row, object_id=pk)
                                         for row, pk in rows], batch_size=2000)
        return
    numbers, ids = zip(*rows, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(ROWS_FROM_ARRAYS.format(table=ImportedRow._meta.db_table),
                       [batch.pk, content_type.pk, list(numbers), list(ids)])


def score_template(round_) -> bytes:
    """The round's score sheet to fill in: one row per enrolled product × council member, the score columns
    empty; the members and the province's products offered as drop-down lists."""
    members = list(round_.members.order_by("position", "pk"))
    enrolments = list(round_.enrolments.select_related("product__producer").order_by("position", "pk"))
    header = [NUMBER, PRODUCER_CODE, PRODUCER, PRODUCT, MEMBER, *score_headers(round_)]
    rows = []
    for enrolment in enrolments:
        product = enrolment.product
        for member in members:
            rows.append([len(rows) + 1, product.producer.registration_code, product.producer.name, product.name,
                         member.name])
    products = Product.objects.filter(producer__province=round_.province_id).order_by("name") if round_.province_id \
        else Product.objects.filter(pk__in=[e.product_id for e in enrolments])
    parts = ", ".join(f"{part_header(p.code)} (tối đa {p.max_points:g} điểm)" for p in round_.criteria_set.parts.all())
    instructions = [
        f"Mẫu nhập điểm hội đồng — {round_}",
        "",
        "Mỗi dòng là phiếu chấm của một thành viên hội đồng cho một sản phẩm.",
        (f"• {PRODUCER_CODE} và {PRODUCT}: xác định sản phẩm (sản phẩm phải có trong hệ thống; chưa ghi danh vào đợt "
        "thì được ghi danh khi nhập, nếu đợt còn nhận sản phẩm)."),
        f"• {MEMBER}: đúng họ tên như trong danh sách hội đồng của đợt (chọn trong danh sách thả xuống).",
        f"• Điểm theo phần: {parts}." + (" Đợt chấm chi tiết: điền các cột Tiêu chí của nhóm sản phẩm, để trống "
                                          "các tiêu chí khác." if round_.detailed_scoring else ""),
        "• Điểm từ 0 đến tối đa của cột, tối đa hai chữ số thập phân. Mỗi sản phẩm × thành viên chỉ một dòng.",
        "• Đợt đã có quyết định công nhận thì không nhập được điểm (dùng chức năng đính chính có lý do).",
        "",
        *COMMON_RULES,
    ]
    return build(SHEET, header, rows, instructions=instructions,
                 lists={MEMBER: [m.name for m in members], PRODUCT: list(dict.fromkeys(p.name for p in products))},
                 widths={PRODUCER: 36, PRODUCT: 40, MEMBER: 28})
