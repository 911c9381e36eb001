"""/statistics/: the public figures of the registry on a day (today by default), and for staff and officials the
progress of their province's rounds; each chart also as a table and a CSV file."""

import csv
import datetime
import io

from django import forms
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import PROVINCE_ROLES
from geo.models import Province
from ocop.text import whole_number
from stats import svg
from stats.charts import number, public_charts, round_chart
from stats.figures import public_figures, round_progress

EARLIEST = datetime.date(2019, 1, 1)  # the first OCOP decisions under the programme's national criteria
LATEST_YEARS_AHEAD = 5


class StatisticsFilter(forms.Form):
    """?province=<id>&on=dd/mm/yyyy. A value that is not one is reported and today's figures for every province
    are shown, never an error page."""

    province = forms.CharField(required=False, label=gettext_lazy("Province"), widget=forms.Select)
    on = forms.DateField(required=False, label=gettext_lazy("On the day"),
                         help_text=gettext_lazy("dd/mm/yyyy; today if empty"))

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {p.pk: p for p in provinces}
        self.fields["province"].widget.choices = [("", _("All provinces"))] + [(p.pk, p.short_name)
                                                                              for p in provinces]

    def clean_province(self):
        raw = self.cleaned_data["province"]
        if not raw:
            return None
        province = self.provinces.get(whole_number(raw))
        if province is None:
            raise forms.ValidationError(_("No such province."))
        return province

    def clean_on(self):
        day = self.cleaned_data["on"]
        today = timezone.localdate()
        latest = today.replace(year=today.year + LATEST_YEARS_AHEAD, day=min(today.day, 28))
        if day and not EARLIEST <= day <= latest:
            raise forms.ValidationError(_("Choose a day between %(first)s and %(last)s.") % {
                "first": EARLIEST.strftime("%d/%m/%Y"), "last": latest.strftime("%d/%m/%Y")})
        return day


def sees_rounds(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_administrator or user.role in PROVINCE_ROLES)


class StatisticsMixin:
    def selection(self, request):
        """(filter form, province or None, day)."""
        provinces = list(Province.objects.only("pk", "short_name").order_by("short_name"))
        form = StatisticsFilter(request.GET or None, provinces=provinces)
        province, day = None, timezone.localdate()
        if form.is_bound and form.is_valid():
            province = form.cleaned_data["province"]
            day = form.cleaned_data["on"] or day
        return form, province, day

    def charts(self, request, province, day):
        province_id = province.pk if province else None
        self.figures = public_figures(day, province_id)
        charts = public_charts(self.figures, one_province=bool(province))
        if sees_rounds(request.user):
            charts.append(round_chart(round_progress(request.user, day, province_id)))
        return charts


class StatisticsView(StatisticsMixin, TemplateView):
    template_name = "stats/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, province, day = self.selection(self.request)
        charts = self.charts(self.request, province, day)
        query = self.request.GET.urlencode() if form.is_bound and form.is_valid() else ""
        for chart in charts:
            chart.svg = svg.bar_chart(f"chart-{chart.slug}", chart.title, chart.drawn_rows, chart.series,
                                      stacked=chart.stacked, number=number, summary=chart.summary())
            chart.query = query
        figures = self.figures
        ctx.update(form=form, province=province, day=day, today=timezone.localdate(), charts=charts,
                   recognised=sum(n for _stars, n in figures["stars"]), producers=figures["producers"],
                   staff_view=sees_rounds(self.request.user))
        return ctx


class ChartCsvView(StatisticsMixin, View):
    """One chart's table as CSV: UTF-8 with a byte-order mark (Excel opens it with its diacritics), headers in
    Vietnamese whatever the page's language."""

    def get(self, request, chart):
        _form, province, day = self.selection(request)
        with translation.override("vi"):
            found = next((c for c in self.charts(request, province, day) if c.slug == chart), None)
            if found is None:  # an unknown chart, or the rounds' progress for someone who may not see it
                raise Http404(_("No such chart."))
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(found.headers)
            writer.writerows([_cell(v) for v in row] for row in found.table)
        name = f"thong-ke-{found.slug}-{day:%Y%m%d}{f'-{province.code}' if province else ''}.csv"
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _cell(value):
    """A name a spreadsheet would run as a formula (=, +, -, @ first) is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
