import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from evaluation.models import EvaluationRound
from evaluation.queries import round_report
from geo.models import Province
from ocop.text import search_key


class Command(BaseCommand):
    help = "Print the evaluation rounds of a province and year: products, points, stars, decision."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='Province name, e.g. "Lai Châu" (diacritics optional)')
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="A JSON list, one object per round.")

    def handle(self, *args, province, year, **options):
        key = search_key(province)
        matches = [p for p in Province.objects.all() if key in (search_key(p.short_name), search_key(p.name))]
        if not matches:
            raise CommandError(f"Không tìm thấy tỉnh “{province}”.")
        rounds = (EvaluationRound.objects.filter(Q(province=matches[0]), year=year)
                  .select_related("province", "criteria_set", "period").order_by("number", "level"))
        reports = [round_report(r) for r in rounds]
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
            return
        with translation.override("vi"):
            if not reports:
                self.stdout.write(f"Không có đợt đánh giá nào của {matches[0].short_name} năm {year}.")
            for report in reports:
                self._print(report)

    def _print(self, report):
        r = report.round
        decision = getattr(r, "decision", None)
        self.stdout.write(f"Đợt {r.number} năm {r.year} — {r.province.short_name} — {r.get_level_display()} — "
                          f"{r.criteria_set.decision} — {r.get_state_display()}")
        if decision:
            self.stdout.write(f"  Quyết định {decision.number} ngày {decision.signed_on:%d/%m/%Y}, "
                              f"{decision.signer_title} {decision.signer_name}")
        stars = ", ".join(f"{count} sản phẩm {s} sao" for s, count in sorted(report.stars.items()))
        self.stdout.write(f"  {len(report.rows)} sản phẩm; công nhận {report.recognised}: {stars or '—'}")
        for row in report.rows:
            e = row.enrolment
            points = f"{e.points:.2f}".replace(".", ",") if e.points is not None else "—"
            stars = f"{e.stars}★" if e.stars else e.get_outcome_display()
            self.stdout.write(f"  {e.position:>3}. {e.product.name:<45} {points:>6}  {stars}")
        self.stdout.write("")
