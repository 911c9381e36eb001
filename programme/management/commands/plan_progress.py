import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from geo.services import find_province
from programme.models import Plan
from programme.services.progress import plan_progress


class Command(BaseCommand):
    help = "Print how far a province's OCOP plan has come: each target, its goal and what the records show."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='Province name, e.g. "Lai Châu" (diacritics optional)')
        parser.add_argument("--plan", help="The plan's number, e.g. 56/KH-UBND; the province's latest plan if left "
                                           "out.")
        parser.add_argument("--json", action="store_true",
                            help='A JSON list, one object per target: {"target", "unit", "goal", "achieved"}.')

    def handle(self, *args, province, plan=None, **options):
        found = find_province(province)
        if found is None:
            raise CommandError(f"Không tìm thấy tỉnh “{province}”.")
        plans = Plan.objects.filter(province=found).select_related("province")
        if plan:
            chosen = plans.filter(number=plan.strip()).first()
            if chosen is None:
                raise CommandError(f"{found.short_name} không có kế hoạch số “{plan}”.")
        else:
            chosen = plans.order_by("-ends_on", "-signed_on", "-pk").first()
            if chosen is None:
                raise CommandError(f"{found.short_name} chưa có kế hoạch OCOP nào.")
        progress = plan_progress(chosen)
        if options["json"]:
            self.stdout.write(json.dumps([t.as_dict() for t in progress.targets], ensure_ascii=False, indent=2))
            return
        with translation.override("vi"):
            self._print(progress)

    def _print(self, progress):
        plan = progress.plan
        self.stdout.write(f"Kế hoạch {plan.number} ngày {plan.signed_on:%d/%m/%Y} — {plan.title}")
        self.stdout.write(f"Giai đoạn {plan.starts_on:%d/%m/%Y}–{plan.ends_on:%d/%m/%Y}; "
                          f"số liệu ngày {progress.day:%d/%m/%Y}")
        stars = ", ".join(f"{n} sản phẩm {s} sao" for s, n in progress.stars.items()) or "—"
        self.stdout.write(f"Sản phẩm OCOP được công nhận: {progress.recognised} ({stars})")
        for i, t in enumerate(progress.targets, start=1):
            pct = f"{t.percent}%" if t.percent is not None else "—"
            self.stdout.write(f"{i:>2}. {t.target.label}")
            achieved = "—" if t.achieved is None else t.achieved
            line = f"    mục tiêu {t.goal} {t.target.unit}; đạt {achieved} ({pct})"
            if t.per_unit:
                line += f"; {t.units_met}/{t.units_counted} đơn vị đạt; tổng {'—' if t.total is None else t.total}"
            self.stdout.write(line)
