import datetime
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from evaluation import services
from evaluation.enums import Outcome, RoundState
from evaluation.models import Score
from exchange.importing.reading import ImportRefused
from exchange.importing.scores import commit_scores, plan_scores
from exchange.models import ImportBatch, ImportedRow
from tests.exchange.conftest import round_one_rows, xlsx


def test_round_one_imported_from_a_spreadsheet_gives_23_products_14_three_stars_9_four_stars(
        empty_round_one, staff_user, official_user, tmp_path):
    path = tmp_path / "dot1-2020.xlsx"
    path.write_bytes(xlsx(round_one_rows()))
    call_command("import_scores", "--round", str(empty_round_one.pk), str(path), "--user", staff_user.username)
    enrolments = list(empty_round_one.enrolments.all())
    assert len(enrolments) == 23
    assert Counter(e.stars for e in enrolments if e.outcome == Outcome.RECOGNISED) == {3: 14, 4: 9}
    # the decision drawn from them recognises the same
    services.set_round_state(empty_round_one, RoundState.SCORED, actor=staff_user)
    decision = services.finalise_decision(empty_round_one, number="1168/QĐ-UBND", signed_on=datetime.date(2020, 9, 30),
                                          signer_name="Hà Trọng Hải", signer_title="Chủ tịch", actor=official_user)
    assert Counter(r.stars for r in decision.recognitions.all()) == {3: 14, 4: 9}


def test_provenance_in_history_and_batch(empty_round_one, staff_user):
    data = xlsx(round_one_rows())
    batch = commit_scores(plan_scores(empty_round_one, data, "hoi-dong.xlsx"), actor=staff_user)
    assert batch.row_count == 23 * 7 and batch.changed_count == 23 * 7 * 3
    assert batch.imported_by == staff_user and len(batch.sha256) == 64
    score = Score.objects.order_by("pk").first()
    record = ImportedRow.objects.get(object_id=score.pk)
    assert record.batch == batch and record.row == 2
    history = score.history.get()
    assert history.history_change_reason == "Nhập từ tệp hoi-dong.xlsx, dòng 2"
    assert history.history_user == staff_user


def test_same_file_twice_changes_nothing(empty_round_one, staff_user):
    data = xlsx(round_one_rows())
    commit_scores(plan_scores(empty_round_one, data, "a.xlsx"), actor=staff_user)
    before = (Score.history.count(), ImportBatch.objects.count(), ImportedRow.objects.count(),
              list(empty_round_one.enrolments.values_list("version", "points", "stars")))
    again = plan_scores(empty_round_one, data, "a.xlsx")
    assert again.ok and again.already is not None
    commit_scores(again, actor=staff_user)
    # the same content under another name (saved again): nothing differs, so nothing is written
    commit_scores(plan_scores(empty_round_one, xlsx(round_one_rows()[:]) + b"", "b.xlsx"), actor=staff_user)
    after = (Score.history.count(), ImportBatch.objects.count() - 1, ImportedRow.objects.count(),
             list(empty_round_one.enrolments.values_list("version", "points", "stars")))
    assert after[0] == before[0] and after[2:] == before[2:]


def test_three_bad_rows_import_nothing_and_are_all_listed(empty_round_one, staff_user, tmp_path):
    rows = round_one_rows()
    rows[3][5] = "abc"  # row 4: part A not a number
    rows[10][4] = "Người lạ"  # row 11: not a council member
    rows[20][7] = 99  # row 21: part C over its maximum
    plan = plan_scores(empty_round_one, xlsx(rows), "sai.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(4, "Phần A"), (11, "Thành viên hội đồng"),
                                                          (21, "Phần C")]
    assert "không phải là số" in plan.problems[0].message or "abc" in plan.problems[0].message
    with pytest.raises(ImportRefused):
        commit_scores(plan, actor=staff_user)
    path = tmp_path / "sai.xlsx"
    path.write_bytes(xlsx(rows))
    with pytest.raises(CommandError):
        call_command("import_scores", "--round", str(empty_round_one.pk), str(path))
    assert not Score.objects.exists() and not empty_round_one.enrolments.exists()
    assert not ImportBatch.objects.exists()


def test_refused_for_a_decided_round(decided_round):
    with pytest.raises(ImportRefused, match="quyết định"):
        plan_scores(decided_round, xlsx(round_one_rows()), "a.xlsx")


def test_refused_for_a_round_closed_for_scoring(make_round, staff_user):
    round_ = make_round(members=3, products=1)
    round_ = services.set_round_state(round_, RoundState.CANCELLED, actor=staff_user)
    with pytest.raises(ImportRefused):
        plan_scores(round_, xlsx(round_one_rows()), "a.xlsx")
