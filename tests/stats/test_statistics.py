"""/statistics/: the figures equal the registry's standing and `ocop_report`'s, on the day shown; staff see the
progress of their own province's rounds only; charts, tables and CSV files say the same; a fixed number of
queries whatever the data."""

import datetime
import io
import json
from collections import Counter

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from evaluation import services
from evaluation.enums import RoundState
from tests.factories import (
    CommuneFactory,
    HistoricalDistrictFactory,
    ProducerFactory,
    ProductFactory,
    recognise,
    tea_group,
)

D = datetime.date
STATS = reverse("stats:statistics")
DEMO_DAY = D(2026, 11, 24)


def csv_url(chart, **params):
    url = reverse("stats:chart_csv", kwargs={"chart": chart})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def charts(response):
    return {c.slug: c for c in response.context["charts"]}


def table(chart):
    return {row[0]: row[1:] for row in chart.table}


def report(year):
    out = io.StringIO()
    call_command("ocop_report", "--province", "Lai Châu", "--year", str(year), "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def demo(db):
    with time_machine.travel(DEMO_DAY, tick=False):
        call_command("load_demo", "--no-logins", stdout=io.StringIO())
        yield


def test_demo_figures_equal_ocop_report_and_the_registry(client, demo):
    """Today (24/11/2026) the 2020 certificates have expired: 11 products are OCOP (the 2026 sample round, one
    certificate revoked). The 47 products recognised in 2020 show in the recognitions by year, as ocop_report
    counts them: round 1 23 (14 × 3★, 9 × 4★), round 2 24 (all 3★)."""
    response = client.get(STATS)
    assert response.status_code == 200
    shown = charts(response)
    registry = client.get(reverse("products:registry")).context["paginator"].count
    assert response.context["recognised"] == registry == 11
    assert sum(n for n, in table(shown["stars"]).values()) == 11
    assert "24/11/2026" in response.content.decode()

    rounds_2020 = report(2020)
    assert [(r["products"], r["stars"]) for r in rounds_2020] == [(23, {"3": 14, "4": 9}), (24, {"3": 24})]
    for year in (2020, 2026):
        stars = sum((Counter(r["stars"]) for r in report(year)), Counter())
        history = shown["history"]
        levels = [name for name, _css in history.series]
        row = dict(zip(levels, table(history)[str(year)], strict=False))
        assert {k: v for k, v in row.items() if v} == {f"{s} sao": n for s, n in stars.items()}
    assert table(shown["history"])["2020"][-1] == 47  # the total column
    # Today's products are those of 2026's decision, still in force; none of 2020's.
    assert set(table(shown["years"])) == {"2026"}


def test_on_a_day_in_2022_the_47_products_of_2020_are_recognised(client, demo):
    response = client.get(STATS, {"on": "01/01/2022"})
    shown = charts(response)
    assert response.context["recognised"] == 47 and response.context["day"] == D(2022, 1, 1)
    assert table(shown["stars"]) == {"3 sao": [38], "4 sao": [9]}
    assert table(shown["years"]) == {"2020": [38, 9, 47]}
    assert set(table(shown["history"])) == {"2020"}  # the 2026 decision is not signed yet on that day
    assert sum(n for n, in table(shown["districts"]).values()) == 47
    # Round 1's certificates (30/09/2020) run to 29/09/2023, round 2's (08/12/2020) to 07/12/2023.
    expiring = table(shown["expiring"])
    assert list(expiring) == [f"Quý {q}/{y}" for y in (2022, 2023) for q in (1, 2, 3, 4)]
    assert expiring["Quý 3/2023"] == [23] and expiring["Quý 4/2023"] == [24]
    assert sum(n for n, in expiring.values()) == 47


def test_csv_has_a_bom_vietnamese_headers_and_the_table(client, demo, settings):
    settings.LANGUAGE_CODE = "en"
    client.cookies["django_language"] = "en"
    response = client.get(csv_url("history"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="thong-ke-history-' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text[1:].splitlines()
    assert lines[0] == "Năm quyết định,3 sao,4 sao,Tổng"
    assert "2020,38,9,47" in lines
    assert client.get(csv_url("nothing")).status_code == 404


def test_province_filter(client, lai_chau, dien_bien):
    for province, stars in ((lai_chau, 4), (dien_bien, 3)):
        product = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=province)),
                                 group=tea_group("2026"))
        recognise(product, stars=stars, signed_on=D(2026, 9, 1))
    everywhere = charts(client.get(STATS))
    assert table(everywhere["provinces"]) == {"Lai Châu": [1], "Điện Biên": [1]}
    one = client.get(STATS, {"province": dien_bien.pk})
    assert one.context["province"] == dien_bien
    assert table(charts(one)["stars"]) == {"3 sao": [1]}
    assert table(charts(one)["provinces"]) == {"Điện Biên": [1]}
    assert "Điện Biên" in client.get(csv_url("provinces", province=dien_bien.pk)).content.decode()
    assert "Lai Châu" not in client.get(csv_url("provinces", province=dien_bien.pk)).content.decode()


@pytest.mark.parametrize("params", [
    {"province": "²"}, {"province": "99999999999999999999"}, {"province": "-1"}, {"on": "31/12/9999"},
    {"on": "01/01/0001"}, {"on": "31/02/2026"}, {"on": "٣/٣/٢٠٢٦"}, {"on": "x" * 10_000},
])
def test_bad_filters_are_reported_and_todays_figures_shown(client, product, params):
    response = client.get(STATS, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["province"] is None and response.context["recognised"] == 1
    assert client.get(csv_url("stars", **params)).status_code == 200


def test_charts_are_inline_svg_without_script_or_style_and_escape_names(client, lai_chau):
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau, name='Xã <script>"&'))
    recognise(ProductFactory(producer=producer, group=tea_group("2026")), signed_on=D(2026, 9, 1))
    page = client.get(STATS).content.decode()
    assert page.count("<svg") == 9 and "<script" not in page and "style=" not in page
    assert "Xã &lt;script&gt;&quot;&amp;" in page
    assert 'role="img"' in page and "<desc" in page and "<table" in page


def test_csv_writes_a_formula_like_name_as_text(client, lai_chau):
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau, name="=HYPERLINK(1)"))
    recognise(ProductFactory(producer=producer, group=tea_group("2026")), signed_on=D(2026, 9, 1))
    assert "'=HYPERLINK(1) (Lai Châu),1" in client.get(csv_url("communes")).content.decode()


# --- staff: progress of the rounds ---------------------------------------------------------------------

def progress(response):
    return table(charts(response)["rounds"])


def test_staff_see_progress_of_their_provinces_rounds_and_no_one_else_does(client, login, make_round, score,
                                                                            staff_user, official_user,
                                                                            other_staff_user, producer_user):
    round_ = make_round(members=3, products=3, starts_on=D(2026, 9, 15))
    first, second, _third = round_.enrolments.all()
    score(first, [(30, 20, 30), (28, 20, 32), (29, 21, 30)])  # every member: complete, scored
    score(second, [(30, 20, 30)])  # one member of three: a result is staged, the sheet is not complete
    label = str(round_)
    for user in (staff_user, official_user):
        rows = progress(login(user).get(STATS))
        assert [(k, v) for k, v in rows.items() if k.startswith(label)] == [
            (f"{label} — Đang chấm điểm", [3, 1, 2, 0])]
        assert label in client.get(csv_url("rounds")).content.decode()
    login(other_staff_user)
    assert progress(client.get(STATS)) == {}
    assert label not in client.get(STATS).content.decode()
    assert label not in client.get(csv_url("rounds")).content.decode()
    for user in (producer_user, None):
        if user:
            login(user)
        else:
            client.logout()
        response = client.get(STATS)
        assert "rounds" not in charts(response) and label not in response.content.decode()
        assert client.get(csv_url("rounds")).status_code == 404


def test_a_round_decided_this_year_shows_as_decided(client, login, decided_round, staff_user):
    with time_machine.travel(D(2020, 12, 1), tick=False):
        rows = progress(login(staff_user).get(STATS))
    assert rows == {f"{decided_round} — Đã có quyết định": [2, 2, 2, 2]}
    with time_machine.travel(D(2021, 1, 4), tick=False):
        client = Client()  # the first session has expired by then
        client.force_login(staff_user)
        assert progress(client.get(STATS)) == {}  # not open, decided last year


# --- queries and cache -----------------------------------------------------------------------------------

def seed(lai_chau, dien_bien, products, first_day):
    for i in range(products):
        province = (lai_chau, dien_bien)[i % 2]
        producer = ProducerFactory(commune=CommuneFactory(province=province),
                                   historical_district=HistoricalDistrictFactory(province=province))
        recognise(ProductFactory(producer=producer, group=tea_group("2026")), stars=3 + i % 2,
                  signed_on=first_day + datetime.timedelta(days=i))


@pytest.mark.parametrize("as_staff", [False, True])
def test_page_runs_a_fixed_number_of_queries(client, login, lai_chau, dien_bien, staff_user, make_round,
                                             django_assert_max_num_queries, as_staff):
    if as_staff:
        login(staff_user)
    limit = 22 if as_staff else 12  # the filter's provinces, 11 figures; staff: session, user, 5 rounds, nav count…
    seed(lai_chau, dien_bien, 1, D(2025, 8, 1))  # rounds of 2025; those whose progress is shown are 2026's
    make_round(members=3, products=1, number=1, starts_on=D(2026, 9, 15))
    cache.clear()
    with django_assert_max_num_queries(limit) as one:
        client.get(STATS)
    seed(lai_chau, dien_bien, 12, D(2025, 9, 1))
    for number in (2, 3, 4):
        make_round(members=4, products=5, number=number, starts_on=D(2026, 9, 15))
    cache.clear()
    with django_assert_max_num_queries(limit) as many:
        response = client.get(STATS)
    assert response.context["recognised"] == 13
    assert len(many.captured_queries) == len(one.captured_queries)


def test_public_figures_are_cached_per_day(client, lai_chau, dien_bien, django_assert_max_num_queries, settings):
    seed(lai_chau, dien_bien, 2, D(2026, 6, 1))
    with time_machine.travel(D(2026, 11, 24), tick=False) as clock:
        client.get(STATS)
        with django_assert_max_num_queries(1):  # the provinces of the filter; the figures come from the cache
            assert client.get(STATS).context["recognised"] == 2
        seed(lai_chau, dien_bien, 1, D(2026, 10, 1))
        clock.move_to(D(2026, 11, 25))
        assert client.get(STATS).context["recognised"] == 3  # a new day is counted anew


def test_a_round_with_a_detailed_sheet_is_complete_when_every_criterion_is_scored(client, login, make_round,
                                                                                   staff_user):
    round_ = make_round(members=1, products=1, starts_on=D(2020, 9, 15), detailed_scoring=True)
    enrolment = round_.enrolments.get()
    columns = services.columns_for(enrolment)
    assert len(columns) > 3  # the 1048 tea sheet: one column per criterion
    member = round_.members.get()
    values = {(member.pk, c.key): (c.options[-1] if c.options else c.max_points) for c in columns[:-1]}
    enrolment.refresh_from_db()
    services.record_scores(enrolment, values, actor=staff_user, expected_version=enrolment.version)
    with time_machine.travel(D(2020, 10, 1), tick=False):
        login(staff_user)
        assert progress(client.get(STATS))[f"{round_} — {RoundState.SCORING.label}"][:2] == [1, 0]
        enrolment.refresh_from_db()
        last = columns[-1]
        services.record_scores(enrolment, {(member.pk, last.key): last.options[-1] if last.options else
                                           last.max_points}, actor=staff_user, expected_version=enrolment.version)
        assert progress(client.get(STATS))[f"{round_} — {RoundState.SCORING.label}"][:2] == [1, 1]
