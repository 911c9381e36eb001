"""Issue 12, part 7: the compact round page and its history by change, paginated in SQL."""

from django.urls import reverse

from evaluation import services
from evaluation.enums import RoundState
from evaluation.queries import round_changes


def test_history_groups_one_save_into_one_change(decided_round, staff_user, official_user):
    page = round_changes(decided_round)
    assert page.count == len(page.changes) and page.count < 15
    scores = [c for c in page.changes if "score" in c.counts]
    assert scores and all(c.who == staff_user for c in scores)
    # both products' sheets (18 scores) were typed by the same person at once: one change, or two if a second
    # ticked between them
    assert sum(c.counts["score"] for c in scores) == 18 and len(scores) <= 2
    assert all(str(c.counts["score"]) in c.summary for c in scores)
    assert all(new for c in scores for _what, diffs, _kind, _e in c.rows for _label, _old, new in diffs)
    decided = page.changes[0]
    assert decided.who == official_user and {"decision", "recognition", "round"} <= set(decided.counts)


def test_history_pages_do_not_overlap(make_round, score, staff_user):
    round_ = make_round(members=3, products=3)
    for enrolment in round_.enrolments.all():
        score(enrolment, [(30, 20, 30)] * 3)
    for i in range(4):
        services.set_round_state(round_, RoundState.SCORED, actor=staff_user, reason=f"đóng {i}")
        services.set_round_state(round_, RoundState.SCORING, actor=staff_user, reason=f"mở lại {i}")
    everything = round_changes(round_, per_page=1000)
    count = round_changes(round_, per_page=3).pages
    assert count == -(-everything.count // 3) and count > 1
    pages = [round_changes(round_, page=n, per_page=3) for n in range(1, count + 1)]
    assert [c.key for p in pages for c in p.changes] == [c.key for c in everything.changes]


def test_round_page_and_history_queries_do_not_grow(login, staff_user, make_round, score,
                                                    django_assert_max_num_queries):
    client = login(staff_user)
    small = make_round(members=3, products=2)
    big = make_round(members=7, products=24, number=2)
    for round_ in (small, big):
        for enrolment in round_.enrolments.all():
            score(enrolment, [(30, 20, 30)] * round_.members.count())
    for round_ in (small, big):
        with django_assert_max_num_queries(27):  # 26, and the navigation's count of waiting work (portal.queues)
            assert client.get(reverse("evaluation:round", args=[round_.pk])).status_code == 200
        with django_assert_max_num_queries(18):  # 17, and the same count of waiting work
            assert client.get(reverse("evaluation:round_history", args=[round_.pk])).status_code == 200


def test_products_table_sorts_on_the_server(login, staff_user, make_round, score):
    round_ = make_round(members=3, products=3)
    for enrolment, points in zip(round_.enrolments.all(), (20, 30, 25), strict=True):
        score(enrolment, [(points, 20, 30)] * 3)
    client = login(staff_user)
    url = reverse("evaluation:round", args=[round_.pk])
    by_points = [r.enrolment.points for r in client.get(url + "?sort=-points").context["rows"]]
    assert by_points == sorted(by_points, reverse=True)
    assert client.get(url + "?sort=nonsense").status_code == 200
