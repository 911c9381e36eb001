"""The figures as charts: titles, column headers and row labels in the request's language, the SVG, the table and
the CSV rows — one definition per chart, so the picture, the table and the file never disagree."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from products.group_names import display_name

# The legal number of each classification, as printed on the decisions (not translated).
SCHEMES = {"1048": "1048/QĐ-TTg", "148": "148/QĐ-TTg", "2026": "26/2026/QĐ-TTg"}
CHART_ROWS = 20  # a chart draws the largest rows; the table and the CSV have them all


def number(value) -> str:
    """A count as the page's language writes it: 1.234 (vi), 1,234 (en)."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@dataclass
class Chart:
    slug: str
    title: str
    label: str  # header of the rows' column
    series: list  # [(header, css class)]
    rows: list  # [(label, [value per series])]
    stacked: bool = True
    note: str = ""
    staff: bool = False
    total_column: bool = field(init=False)

    def __post_init__(self):
        self.total_column = self.stacked and len(self.series) > 1

    @property
    def headers(self):
        return [self.label, *(name for name, _css in self.series), *([_("Total")] if self.total_column else [])]

    @property
    def table(self):
        return [[label, *values, *([sum(values)] if self.total_column else [])] for label, values in self.rows]

    @property
    def labelled_table(self):
        """[(row label, [(column header, value)])]: each cell knows its header (the phone layout shows it)."""
        return [(row[0], list(zip(self.headers[1:], row[1:], strict=True))) for row in self.table]

    @property
    def drawn_rows(self):
        return self.rows[:CHART_ROWS]

    @property
    def truncated(self):
        return len(self.rows) > CHART_ROWS

    def summary(self):
        """Every drawn value as a sentence, for the chart's <desc> (what a screen reader says of the picture)."""
        if len(self.series) == 1:
            return "; ".join(f"{label}: {number(values[0])}" for label, values in self.drawn_rows)
        return "; ".join(f"{label}: " + ", ".join(f"{name} {number(v)}" for (name, _css), v in
                                                   zip(self.series, values, strict=True))
                         for label, values in self.drawn_rows)


def stars_label(stars) -> str:
    return ngettext("%(stars)s star", "%(stars)s stars", stars) % {"stars": stars}


def _with_scheme(name, scheme) -> str:
    return f"{display_name(name)} ({SCHEMES.get(scheme, scheme)})"


def _by_stars(triples, label_of):
    """[(key, stars, n)] → series per star level present, and rows per key in order."""
    levels = sorted({stars for _key, stars, _n in triples})
    rows = {}
    for key, stars, n in triples:
        rows.setdefault(key, dict.fromkeys(levels, 0))[stars] = n
    series = [(stars_label(s), f"s{s}") for s in levels]
    return series, [(label_of(key), list(counts.values())) for key, counts in rows.items()]


def public_charts(figures: dict, *, one_province: bool) -> list[Chart]:
    products = [(_("Products"), "s0")]
    day = formats.date_format(figures["day"], "SHORT_DATE_FORMAT")
    year_series, year_rows = _by_stars(figures["years"], str)
    history_series, history_rows = _by_stars(figures["history"], str)

    def commune(name, province):
        return name if one_province else f"{name} ({province})"

    no_district = _("no district recorded")
    return [
        Chart("stars", _("OCOP products on %(day)s, by stars") % {"day": day}, _("Stars"), products,
              [(stars_label(s), [n]) for s, n in figures["stars"]]),
        Chart("provinces", _("By province"), _("Province"), products, [(p, [n]) for p, n in figures["provinces"]]),
        Chart("communes", _("By commune"), _("Commune"), products,
              [(commune(c, p), [n]) for c, p, n in figures["communes"]]),
        Chart("districts", _("By district (before 07/2025)"), _("District (before 07/2025)"), products,
              [(f"{d} ({p})" if d and not one_province else d or no_district, [n])
               for d, p, n in figures["districts"]],
              note=_("The districts were abolished in July 2025; producers keep the district of their address "
                     "before that.")),
        Chart("product-sets", _("By product set"), _("Product set"), products,
              [(_with_scheme(name, scheme), [n]) for scheme, name, n in figures["product_sets"]]),
        Chart("sectors", _("By sector"), _("Sector"), products,
              [(_with_scheme(sector, scheme), [n]) for scheme, sector, n in figures["sectors"]]),
        Chart("years", _("By year of the decision that recognised them"), _("Year of the decision"), year_series,
              year_rows),
        Chart("expiring", _("Certificates expiring, by quarter"), _("Quarter"), [(_("Certificates"), "s0")],
              [(_("Q%(quarter)s/%(year)s") % {"quarter": q, "year": y}, [n]) for y, q, n in figures["expiring"]],
              note=_("Certificates in force on %(day)s whose last day of validity falls in each of the next "
                     "eight quarters.") % {"day": day}),
        Chart("history", _("Products recognised each year (every decision, including recognitions since "
                           "expired)"), _("Year of the decision"), history_series, history_rows,
              note=_("A certificate is valid for 36 months: a product recognised in 2020 is no longer OCOP today "
                     "unless it was evaluated again.")),
    ]


def round_chart(progress) -> Chart:
    rows = [(f"{p.round} — {p.round.get_state_display()}", [p.enrolled, p.complete, p.scored, p.decided])
            for p in progress]
    return Chart("rounds", _("Progress of the evaluation rounds"), _("Round"),
                 [(_("Enrolled"), "p0"), (_("Sheets complete"), "p1"), (_("Scored"), "p2"), (_("Decided"), "p3")],
                 rows, stacked=False, staff=True,
                 note=_("Rounds still open, and those decided this year. A sheet is complete when every member of "
                        "the council has scored every part of it."))
