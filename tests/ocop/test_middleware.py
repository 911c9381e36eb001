import pytest
from django.urls import reverse


@pytest.mark.parametrize("where", ["form", "query"])
def test_a_nul_byte_in_a_request_is_refused_plainly_before_any_view(login, staff_user, admin_user, make_round,
                                                                     where):
    round_ = make_round(scoring=False)
    if where == "form":
        response = login(staff_user).post(reverse("evaluation:round_state", args=[round_.pk]),
                                          {"state": "cancelled", "reason": "Hủy\x00đợt"})
    else:
        response = login(admin_user).get(reverse("admin:evaluation_evaluationround_changelist"),
                                         {"state__exact": "a\x00b"})
    assert response.status_code == 400 and "Không hiểu được yêu cầu" in response.content.decode()
    round_.refresh_from_db()
    assert round_.state == "draft"
