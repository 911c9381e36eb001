"""What the papers print, read from the records in a fixed number of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import translation

from certificates.rendering import long_date, signer_lines
from evaluation.authorities import authority_for, ministry
from evaluation.enums import CouncilLevel, MemberRole, Outcome, RoundState
from evaluation.models import EvaluationRound, Recognition
from evaluation.queries import round_report
from evaluation.rules import spread
from geo.services import find_province

VALIDITY_MONTHS = 36
LOCAL_GOVERNMENT_LAW_2025 = datetime.date(2025, 6, 16)  # Luật Tổ chức chính quyền địa phương 72/2025/QH15


def points_text(value) -> str:
    """12,50 (Vietnamese decimal comma), "—" when there is none."""
    return "—" if value is None else f"{Decimal(value):.2f}".replace(".", ",")


@dataclass
class AnnexRow:
    number: int
    product: str
    producer: str
    address: str
    stars: int
    potential_five: bool = False


@dataclass
class DecisionPaper:
    round: EvaluationRound
    decision: object
    header_lines: list
    place_date: str
    number: str
    subject: str
    grounds: list
    articles: list
    recipients: list
    signer_block: list
    rows: list = field(default_factory=list)

    @property
    def date_words(self):
        return long_date(self.decision.signed_on)

    @property
    def has_potential(self):
        return any(r.potential_five for r in self.rows)

    @property
    def star_counts(self):
        return dict(sorted(Counter(r.stars for r in self.rows).items()))


def _round_name(round_) -> str:
    return f"đợt {round_.number} năm {round_.year}"


def _department(day, central) -> str:
    if central:
        return "Chánh Văn phòng Điều phối nông thôn mới Trung ương"
    return "Giám đốc Sở " + ministry(day).removeprefix("Bộ ")


def _by_pm(number) -> str:
    return " của Thủ tướng Chính phủ" if number.endswith("QĐ-TTg") else ""


def _executors(decision, day, central) -> str:
    office = "Chánh Văn phòng Bộ" if central else f"Chánh Văn phòng {decision.authority}"
    return f"{office}, {_department(day, central)}"


@translation.override("vi")
def decision_paper(round_) -> DecisionPaper:
    """The decision of a decided round and its annex (recognitions in the decision's order, withdrawn ones left
    out). Two queries."""
    decision = round_.decision
    recognitions = (Recognition.objects.filter(decision=decision, withdrawn=False)
                    .select_related("product__producer__commune", "product__producer__historical_district",
                                    "product__producer__province").order_by("position", "pk"))
    rows = [AnnexRow(i, r.product.name, r.product.producer.name, r.product.producer.address_on(decision.signed_on),
                     r.stars, r.potential_five) for i, r in enumerate(recognitions, 1)]
    central = round_.level == CouncilLevel.CENTRAL
    day = decision.signed_on
    law_day = "ngày 16 tháng 6 năm 2025" if day >= LOCAL_GOVERNMENT_LAW_2025 else "ngày 19 tháng 6 năm 2015"
    criteria = round_.criteria_set
    council = f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {round_.unit_name}"
    criteria_ground = (f"Căn cứ Quyết định số {criteria.decision} {long_date(criteria.issued_on)}"
                       f"{_by_pm(criteria.decision)} ban hành Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình "
                       "mỗi xã một sản phẩm;")
    grounds = [
        "Căn cứ Luật Tổ chức Chính phủ;" if central else f"Căn cứ Luật Tổ chức chính quyền địa phương {law_day};",
        criteria_ground,
        f"Căn cứ kết quả đánh giá, phân hạng sản phẩm của {council} {_round_name(round_)};",
        f"Theo đề nghị của {_department(day, central)}.",
    ]
    star_text = ", ".join(f"{n} sản phẩm đạt {s} sao" for s, n in sorted(Counter(r.stars for r in rows).items()))
    first = (f"Công nhận {len(rows)} sản phẩm đạt tiêu chuẩn OCOP {_round_name(round_)} ({star_text}) "
             "(có danh sách kèm theo).")
    second = (f"Kết quả công nhận có giá trị trong thời hạn {VALIDITY_MONTHS} tháng kể từ ngày ký Quyết định này. "
              "Các chủ thể có sản phẩm được công nhận được sử dụng biểu trưng OCOP và thứ hạng sao trên bao bì, "
              "nhãn sản phẩm và có trách nhiệm duy trì, nâng cao chất lượng sản phẩm.")
    third = (f"Quyết định này có hiệu lực kể từ ngày ký. {_executors(decision, day, central)}, thủ trưởng các cơ "
             "quan, đơn vị liên quan và các chủ thể có sản phẩm tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    articles = [("Điều 1.", first), ("Điều 2.", second), ("Điều 3.", third)]
    return DecisionPaper(
        round=round_, decision=decision, header_lines=decision.authority_header.split("\n"),
        place_date=f"{decision.place}, {long_date(day)}", number=decision.number,
        subject=f"Về việc công nhận sản phẩm OCOP {round_.unit_name} {_round_name(round_)}",
        grounds=grounds, articles=articles,
        recipients=["Như Điều 3;", f"{'Bộ' if central else 'Sở'} {ministry(day).removeprefix('Bộ ')};",
                    "Văn phòng Điều phối nông thôn mới Trung ương;", "Lưu: VT."],
        signer_block=signer_lines(decision.signer_title, decision.authority_header), rows=rows)


@dataclass
class MinutesRow:
    number: int
    product: str
    producer: str
    totals: list  # one per member, in the council's order ("—" for none)
    points: str
    result: str
    spread: str
    spread_ok: bool


@dataclass
class MinutesPaper:
    round: EvaluationRound
    header_lines: list
    place_date: str
    title: str
    opening: str
    members: list  # (name, role, title)
    member_names: list
    rows: list
    max_spread: str
    summary: list
    chair: str
    secretary: str
    report: object = None


def _meeting_day(round_):
    decision = getattr(round_, "decision", None)
    return round_.ends_on or round_.starts_on or (decision.signed_on if decision else None)


@translation.override("vi")
def council_header(round_) -> tuple[list, str, str]:
    """(header lines, "place, date", place) of the council's papers: the council, where and when it met."""
    day = _meeting_day(round_)
    place = authority_for(round_, day).place
    unit = round_.province.name if round_.level == CouncilLevel.PROVINCE else round_.unit_name
    return (["HỘI ĐỒNG ĐÁNH GIÁ,", "PHÂN HẠNG SẢN PHẨM OCOP", unit.upper()],
            f"{place}, {long_date(day)}", place)


@translation.override("vi")
def minutes_paper(round_) -> MinutesPaper:
    """The council's minutes, from evaluation.queries.round_report (the same figures as the round's report)."""
    report = round_report(round_)
    header_lines, place_date, place = council_header(round_)
    members = report.members
    rows = []
    for i, row in enumerate(report.rows, 1):
        e = row.enrolment
        totals = [row.totals.get(m.pk) for m in members]
        present = [t for t in totals if t is not None]
        gap = spread(present)
        result = (f"{e.stars} sao" if e.outcome == Outcome.RECOGNISED and e.stars else e.get_outcome_display())
        if e.potential_five:
            result += " (tiềm năng 5 sao)"
        rows.append(MinutesRow(i, e.product.name, e.product.producer.name, [points_text(t) for t in totals],
                               points_text(e.points), result, points_text(gap) if present else "—",
                               gap <= round_.max_spread))
    chair = next((m.name for m in members if m.role == MemberRole.CHAIR), "")
    secretary = next((m.name for m in members if m.role == MemberRole.SECRETARY), "")
    summary = [f"Số sản phẩm được đánh giá: {len(rows)}."]
    summary += [f"Đạt {s} sao: {n} sản phẩm." for s, n in sorted(report.stars.items())]
    others = len(rows) - report.recognised
    if others:
        summary.append(f"Không đạt hoặc chưa công nhận: {others} sản phẩm.")
    over = [r.product for r in rows if not r.spread_ok]
    summary.append(f"Chênh lệch tổng điểm giữa các thành viên vượt {points_text(round_.max_spread)} điểm: "
                   + (", ".join(over) if over else "không có sản phẩm nào") + ".")
    when = (f"Từ {long_date(round_.starts_on)} đến {long_date(round_.ends_on)}"
            if round_.ends_on and round_.ends_on != round_.starts_on else f"Hôm nay, {long_date(round_.starts_on)}")
    opening = (f"{when}, tại {place}, Hội đồng đánh giá, phân hạng sản phẩm OCOP {round_.unit_name} họp đánh giá, "
               f"phân hạng sản phẩm {_round_name(round_)} theo Bộ tiêu chí ban hành kèm theo Quyết định số "
               f"{round_.criteria_set.decision}.")
    return MinutesPaper(
        round=round_, header_lines=header_lines, place_date=place_date, title="BIÊN BẢN",
        opening=opening, members=[(m.name, m.get_role_display(), m.title) for m in members],
        member_names=[m.name for m in members], rows=rows, max_spread=points_text(round_.max_spread),
        summary=summary, chair=chair, secretary=secretary, report=report)


@dataclass
class SheetPaper:
    member: object
    product: str
    producer: str
    group: str
    lines: list  # (code, label, max, points)
    total: str
    complete: bool
    max_total: str = ""


@translation.override("vi")
def sheets_paper(round_, member_id=None) -> tuple[list, list]:
    """(members, sheets): each member's sheet for each product, member by member in the council's order."""
    report = round_report(round_)
    labels = _column_names(round_)
    members = [m for m in report.members if member_id is None or m.pk == member_id]
    sheets = []
    for member in members:
        for row in report.rows:
            lines = []
            for column in row.columns:
                points = row.scores.get((member.pk, column.key))
                lines.append((column.label, labels.get(column.key, ""), points_text(column.max_points),
                              points_text(points)))
            total = row.totals.get(member.pk)
            sheets.append(SheetPaper(member, row.enrolment.product.name, row.enrolment.product.producer.name,
                                     row.enrolment.product.group.name, lines, points_text(total),
                                     all(x[3] != "—" for x in lines),
                                     points_text(sum((c.max_points for c in row.columns), Decimal(0)))))
    return members, sheets


def _column_names(round_) -> dict:
    from evaluation.models import Criterion  # noqa: PLC0415 — only the sheets need the criteria's names

    names = {f"p{p.pk}": p.name for p in round_.criteria_set.parts.all()}
    if round_.detailed_scoring:
        names.update({f"c{pk}": name for pk, name in Criterion.objects.filter(
            part__criteria_set=round_.criteria_set).values_list("pk", "name")})
    return names


def find_round(province, year, number) -> EvaluationRound:
    """The decided-or-not round of a province (matched without diacritics) by year and number; LookupError."""
    found = find_province(province)
    if found is None:
        raise LookupError(f"Không tìm thấy tỉnh “{province}”.")
    round_ = (EvaluationRound.objects.filter(Q(province=found), year=year, number=number)
              .select_related("province", "district", "commune", "criteria_set", "period", "decision")
              .order_by("level").first())
    if round_ is None:
        raise LookupError(f"Không có đợt {number} năm {year} của {found.short_name}.")
    return round_


def is_decided(round_) -> bool:
    return round_.state == RoundState.DECIDED and getattr(round_, "decision", None) is not None
