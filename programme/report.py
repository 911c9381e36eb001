"""A plan's progress as a printable A4 report (one or two pages), rendered with the certificates' WeasyPrint setup:
the same fonts from static/fonts, the same fetcher (nothing but those files and data: URIs is loaded), text
NFC-normalised, always in Vietnamese."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from certificates.rendering import FONT_DIR, long_date, render_pdf


def _vi_number(value) -> str:
    return f"{value:,}".replace(",", ".") if value is not None else "—"


def report_context(progress) -> dict:
    plan = progress.plan
    rows = []
    for i, t in enumerate(progress.targets, start=1):
        rows.append({
            "n": i, "label": t.target.label, "unit": t.target.unit, "goal": _vi_number(t.goal),
            "achieved": _vi_number(t.achieved), "percent": f"{t.percent}%" if t.percent is not None else "—",
            "met": t.met, "per_unit": t.per_unit, "units_met": t.units_met, "units_counted": t.units_counted,
            "total": _vi_number(t.total),
        })
    levels = sorted({s for _name, counts in progress.recognised_by_unit for s in counts} | set(progress.stars))
    units = [(name, [counts.get(s, 0) for s in levels], sum(counts.values()))
             for name, counts in progress.recognised_by_unit]
    return {"plan": plan, "province": plan.province, "day": progress.day.strftime("%d/%m/%Y"),
            "place_date": f"{plan.province.short_name}, {long_date(timezone.localdate())}", "rows": rows,
            "levels": levels, "units": units, "stars": [(s, progress.stars.get(s, 0)) for s in levels],
            "recognised": progress.recognised, "by_district": progress.by_district}


def plan_report_pdf(progress) -> bytes:
    with translation.override("vi"):
        html = render_to_string("programme/plans/report.html", {
            "font_dir": FONT_DIR.resolve().as_uri(), **report_context(progress)})
    return render_pdf(html)
