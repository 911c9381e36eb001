"""The rules of 2026, every council level as it really was, and dates that cannot be wrong."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import render_certificates
from certificates.standing import standing_of
from evaluation import services
from evaluation.enums import MemberRole, Outcome, RoundState
from evaluation.errors import EvaluationError
from evaluation.models import Decision, EvaluationRound
from products.enums import ProductStatus, Standing
from products.models import ProductGroup
from tests.factories import (
    CommuneFactory,
    HistoricalDistrictFactory,
    ProducerFactory,
    ProductFactory,
    part_values,
    parts_for,
    recognise,
    tea_group,
)

D = datetime.date


def council(round_, actor=None, size=3):
    roles = [MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.SECRETARY]
    return [services.add_member(round_, name=f"TV {i}", role=roles[i], position=i, actor=actor) for i in range(size)]


def score_all(round_, product, total, actor=None):
    enrolment = services.enrol_product(round_, product, actor=actor)
    parts = list(round_.criteria_set.parts.all())
    return services.record_scores(enrolment, part_values(enrolment, [parts_for(total, parts)] * 3), actor=actor,
                                  expected_version=enrolment.version)


@pytest.mark.parametrize("day, period, criteria_set, parts", [
    (D(2026, 5, 21), "148+1489", "148", [40, 25, 35]),
    (D(2026, 5, 22), "26/2026", "2026", [40, 25, 35]),
])
def test_a_round_takes_the_rules_of_the_day_its_council_meets(lai_chau, day, period, criteria_set, parts):
    round_ = services.create_round(province=lai_chau, number=1, starts_on=day, actor=None)
    assert (round_.year, round_.period.code, round_.criteria_set.code) == (2026, period, criteria_set)
    assert [int(p.max_points) for p in round_.criteria_set.parts.all()] == parts
    assert round_.period.source and round_.criteria_set.source  # every rule says where it comes from


def test_qd_26_2026_has_26_product_sets_in_6_sectors(db):
    groups = ProductGroup.objects.filter(scheme="2026")
    assert groups.count() == 26 and groups.values("sector").distinct().count() == 6
    assert set(groups.filter(sector="Thực phẩm").values_list("category", flat=True)) == {
        "Tươi sống", "Thô, sơ chế", "Chế biến", "Gia vị", "Chè", "Cà phê, ca cao"}


def test_the_round_year_is_the_year_the_council_meets(lai_chau):
    with pytest.raises(EvaluationError, match="đợt đánh giá thuộc năm 2020"):
        services.create_round(province=lai_chau, year=2021, number=1, starts_on=D(2020, 12, 28), actor=None)


def test_a_2026_commune_screening_of_2_stars_issues_nothing(lai_chau):
    commune = CommuneFactory(province=lai_chau, name="Xã Bình Lư")
    producer = ProducerFactory(commune=commune)
    low, high = (ProductFactory(producer=producer, name=n, group=tea_group("2026")) for n in ("Chè A", "Chè B"))
    round_ = services.create_round(province=lai_chau, level="commune", commune=commune, number=1,
                                   starts_on=D(2026, 7, 1), actor=None)
    council(round_)
    services.set_round_state(round_, RoundState.SCORING, actor=None)
    two_stars = score_all(round_, low, 45)
    proposed = score_all(round_, high, 72)
    assert (two_stars.outcome, two_stars.stars) == (Outcome.SCREENED, 2)
    assert (proposed.outcome, proposed.stars, proposed.proposed_upward) == (Outcome.PROPOSED, None, True)
    services.set_round_state(round_, RoundState.SCORED, actor=None)
    with pytest.raises(EvaluationError, match="không có quyết định công nhận"):
        services.finalise_decision(round_, number="1/QĐ-UBND", signed_on=D(2026, 7, 5), signer_name="A",
                                   signer_title="Chủ tịch", actor=None)
    services.publish_screening(round_, actor=None)
    assert not Decision.objects.exists() and not Certificate.objects.exists()
    low.refresh_from_db()
    assert standing_of(low).code == Standing.NONE and low.status == ProductStatus.DECIDED


def test_no_commune_round_before_2026_and_no_district_round_after_the_reform(lai_chau):
    with pytest.raises(EvaluationError, match="Không có hội đồng ở cấp này"):
        services.create_round(province=lai_chau, level="commune", commune=CommuneFactory(province=lai_chau),
                              number=1, starts_on=D(2026, 5, 21), actor=None)
    with pytest.raises(EvaluationError, match="Không có hội đồng ở cấp này"):
        services.create_round(province=lai_chau, level="district", district=HistoricalDistrictFactory(
            province=lai_chau), number=1, starts_on=D(2026, 6, 1), actor=None)


def test_two_districts_each_have_their_round_1_and_district_certificates_name_the_district(lai_chau):
    tam_duong = HistoricalDistrictFactory(province=lai_chau, name="Huyện Tam Đường")
    than_uyen = HistoricalDistrictFactory(province=lai_chau, name="Huyện Than Uyên")
    rounds = [services.create_round(province=lai_chau, level="district", district=d, number=1,
                                    starts_on=D(2024, 5, 1), actor=None) for d in (tam_duong, than_uyen)]
    assert [str(r) for r in rounds] == ["Đợt 1 năm 2024, Huyện Tam Đường", "Đợt 1 năm 2024, Huyện Than Uyên"]
    with pytest.raises(EvaluationError, match="ở cấp này đã có"):
        services.create_round(province=lai_chau, level="district", district=tam_duong, number=1,
                              starts_on=D(2024, 6, 1), actor=None)
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau), historical_district=tam_duong,
                               address="Bản Nà Đông")
    product = ProductFactory(producer=producer, name="Chè Nà Đông", group=tea_group("148"))
    EvaluationRound.objects.filter(pk__in=[r.pk for r in rounds]).delete()  # (drafts) make room for the helper's
    decision = recognise(product, stars=3, signed_on=D(2024, 5, 20), level="district", district=tam_duong)
    certificate = decision.certificates.get()
    assert certificate.issuer == "ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG"
    assert certificate.issuing_body == "Ủy ban nhân dân huyện Tam Đường" and certificate.place == "Tam Đường"
    assert certificate.producer_address == "Bản Nà Đông, Huyện Tam Đường, Tỉnh Lai Châu"  # as it was in 2024
    text = PdfReader(io.BytesIO(render_certificates([certificate]))).pages[0].extract_text()
    assert "ỦY BAN NHÂN DÂN" in text and "HUYỆN TAM ĐƯỜNG" in text and "TỈNH LAI CHÂU" not in text
    assert "Tam Đường, ngày 20 tháng 5 năm 2024" in text


def test_a_district_forwarding_a_product_proposes_it_never_fails_it(lai_chau):
    district = HistoricalDistrictFactory(province=lai_chau)
    product = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=lai_chau),
                                                      historical_district=district))
    round_ = services.create_round(province=lai_chau, level="district", district=district, number=1,
                                   starts_on=D(2021, 5, 1), actor=None)
    council(round_)
    services.set_round_state(round_, RoundState.SCORING, actor=None)
    enrolment = score_all(round_, product, 65)
    assert (enrolment.outcome, enrolment.proposed_upward) == (Outcome.PROPOSED, True)


def test_a_2026_certificate_prints_the_new_commune_never_an_abolished_district(lai_chau):
    commune = CommuneFactory(province=lai_chau, name="Xã Tả Lèng")
    producer = ProducerFactory(commune=commune, historical_district=HistoricalDistrictFactory(
        province=lai_chau, name="Huyện Tam Đường"), address="Bản Hồ Thầu")
    product = ProductFactory(producer=producer, group=tea_group("2026"))
    certificate = recognise(product, stars=3, signed_on=D(2026, 9, 1)).certificates.get()
    assert certificate.producer_address == "Bản Hồ Thầu, Xã Tả Lèng, Tỉnh Lai Châu"


def test_a_decision_is_neither_in_the_future_nor_before_the_meeting(make_round, score, staff_user):
    round_ = make_round(members=3)
    score(round_.enrolments.get(), [(30, 20, 30)] * 3)
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    for day, message in [(D(2020, 9, 14), "không được trước ngày Hội đồng họp"), (D(2099, 1, 1), "ở tương lai")]:
        with pytest.raises(EvaluationError, match=message):
            services.finalise_decision(round_, number="1/QĐ-UBND", signed_on=day, signer_name="A",
                                       signer_title="Chủ tịch", actor=None)


def test_a_potential_five_star_product_is_sent_to_and_recognised_by_the_central_level(lai_chau):
    product = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=lai_chau)),
                             group=tea_group("2026"))
    other = ProductFactory(producer=product.producer, name="Chè khác", group=tea_group("2026"))
    recognise(product, stars=5, signed_on=D(2026, 7, 1))  # 95 points at the province: 4★, potential 5★
    recognise(other, stars=4, signed_on=D(2026, 7, 2))
    assert product.enrolments.get().potential_five and standing_of(product).stars == 4
    central = services.create_round(level="central", number=1, starts_on=D(2026, 9, 1), actor=None)
    assert central.province is None and str(central) == "Đợt 1 năm 2026, Cấp trung ương"
    with pytest.raises(EvaluationError, match="chưa được một đợt đánh giá đã có quyết định đề xuất"):
        services.enrol_product(central, other, actor=None)
    decision = recognise(product, stars=5, signed_on=D(2026, 10, 1), level="central")
    certificate = decision.certificates.get()
    assert (certificate.stars, certificate.issuer, certificate.province) == (5, "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
                                                                             lai_chau)
    text = PdfReader(io.BytesIO(render_certificates([certificate]))).pages[0].extract_text()
    assert "TM. ỦY BAN NHÂN DÂN" not in text and "Hà Nội, ngày 01 tháng 10 năm 2026" in text
    now = standing_of(product)
    assert (now.stars, now.certificate_id) == (5, certificate.pk)


def test_a_cancelled_round_releases_its_products(make_round, staff_user):
    round_ = make_round(products=2)
    products = [e.product for e in round_.enrolments.all()]
    assert {p.status for p in products} == {ProductStatus.IN_EVALUATION}
    services.set_round_state(round_, RoundState.CANCELLED, actor=staff_user, reason="Thiếu thành viên")
    for product in products:
        product.refresh_from_db()
        assert product.status == ProductStatus.SUBMITTED
        assert product.history.first().history_change_reason == "Thiếu thành viên"
    again = make_round(number=2, products=0)
    services.enrol_product(again, products[0], actor=staff_user)  # free to enter another round


def test_a_knock_out_answer_on_the_sheet_fails_the_product_without_a_note(make_round, score, staff_user):
    round_ = make_round(members=3, detailed_scoring=True)
    enrolment = round_.enrolments.get()
    columns = services.columns_for(enrolment)
    assert {c.label for c in columns if c.knockout} == {"1.1", "6.1.3", "9"}
    members = list(round_.members.all())
    full = {(m.pk, c.key): str(c.max_points) for m in members for c in columns}
    foreign_matter = next(c for c in columns if c.label == "6.1.3")
    full[(members[1].pk, foreign_matter.key)] = "0"
    result = services.record_scores(enrolment, full, actor=staff_user, expected_version=enrolment.version)
    assert result.outcome == Outcome.KNOCKED_OUT and result.stars is None and result.knockout_note == ""
    assert result.sheet_knockout == "không đạt tiêu chí 6.1.3 (Thành viên 2)"
    full[(members[1].pk, foreign_matter.key)] = "2"
    result = services.record_scores(enrolment, full, actor=staff_user, expected_version=result.version)
    assert result.outcome == Outcome.RECOGNISED and result.sheet_knockout == ""


@pytest.mark.parametrize("value, accepted", [("1", True), ("2", True), ("3", True), ("0", True), ("1,5", False),
                                             ("2.5", False)])
def test_fixed_answer_options_accept_only_their_values(make_round, value, accepted):
    round_ = make_round(members=3, detailed_scoring=True)
    column = next(c for c in services.columns_for(round_.enrolments.get()) if c.label == "1.1")
    assert column.options == (Decimal(1), Decimal(2), Decimal(3))
    if accepted:
        assert services.parse_points(value, column, "TV") == Decimal(value.replace(",", "."))
    else:
        with pytest.raises(EvaluationError, match="chỉ nhận 1, 2, 3, 0 \\(bị loại\\)"):
            services.parse_points(value, column, "TV")


def test_the_round_page_publishes_a_commune_screening_without_a_decision(lai_chau, login, official_user, staff_user):
    commune = CommuneFactory(province=lai_chau)
    product = ProductFactory(producer=ProducerFactory(commune=commune), group=tea_group("2026"))
    round_ = services.create_round(province=lai_chau, level="commune", commune=commune, number=1,
                                   starts_on=D(2026, 7, 1), actor=None)
    council(round_)
    services.set_round_state(round_, RoundState.SCORING, actor=None)
    score_all(round_, product, 40)
    services.set_round_state(round_, RoundState.SCORED, actor=None)
    page = login(official_user).get(reverse("evaluation:round", args=[round_.pk])).content.decode()
    assert "Công bố kết quả sàng lọc" in page and f'action="/rounds/{round_.pk}/decision/"' not in page
    assert login(staff_user).post(reverse("evaluation:publish_screening", args=[round_.pk])).status_code == 403
    login(official_user).post(reverse("evaluation:publish_screening", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.state == RoundState.DECIDED and not Decision.objects.exists()
