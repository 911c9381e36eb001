"""Lai Châu's OCOP plan for 2019–2020 (Kế hoạch triển khai Chương trình Mỗi xã một sản phẩm trên địa bàn tỉnh Lai
Châu giai đoạn 2019–2020, approved by the provincial People's Committee) with its targets as the plan words them
(reported by the People's Committee's office on 19/10/2019). The plan's number and date were not found in the
public record: they are SAMPLE values, and so are the products the demo picks as advantaged and priority
products (the plan names none)."""

import datetime

from django.db import transaction

from geo.models import Province
from products.models import Product
from programme.enums import Breakdown, Measure, PlanProductKind
from programme.models import Plan, PlanProduct, Target

PROVINCE = "Lai Châu"
NUMBER = "01-MAU/KH-UBND"  # SAMPLE: the real number was not found
PLAN = {
    "title": "Kế hoạch triển khai Chương trình Mỗi xã một sản phẩm trên địa bàn tỉnh Lai Châu giai đoạn 2019–2020",
    "signed_on": datetime.date(2019, 10, 1),  # SAMPLE: the plan was reported on 19/10/2019
    "signer": "",
    "starts_on": datetime.date(2019, 1, 1),
    "ends_on": datetime.date(2020, 12, 31),
}
# (label as the plan words it, measure, goal, unit, breakdown, at least stars)
TARGETS = [
    ("Đến năm 2020 hoàn thiện, nâng cấp, chuẩn hóa 51 sản phẩm của các địa phương", Measure.RECOGNISED, 51,
     "sản phẩm", Breakdown.PROVINCE, 3),
    ("Triển khai ít nhất 4 bản du lịch", Measure.TOURISM_VILLAGES, 4, "bản", Breakdown.PROVINCE, 3),
    ("Mỗi huyện, thành phố lựa chọn ít nhất 02 sản phẩm lợi thế nhất", Measure.ADVANTAGED, 2, "sản phẩm",
     Breakdown.DISTRICT, None),
    ("Mỗi huyện, thành phố có ít nhất 01 tổ chức kinh tế (doanh nghiệp, HTX) tham gia", Measure.PRODUCERS, 1,
     "tổ chức", Breakdown.DISTRICT, None),
    ("Cấp tỉnh lựa chọn ít nhất 02 sản phẩm ưu tiên phát triển, phấn đấu đạt 4–5 sao", Measure.PRIORITY, 2,
     "sản phẩm", Breakdown.PROVINCE, 4),
    ("Tập huấn 100% cán bộ cấp tỉnh, cấp huyện trực tiếp triển khai Chương trình OCOP", Measure.STAFF_TRAINED, 100,
     "%", Breakdown.PROVINCE, None),
    ("100% lãnh đạo doanh nghiệp, hợp tác xã, chủ hộ sản xuất tham gia Chương trình được tập huấn",
     Measure.PRODUCERS_TRAINED, 100, "%", Breakdown.PROVINCE, None),
]
# SAMPLE picks: two products of each district as its advantaged products, two 4-star products as the priority ones.
ADVANTAGED = [
    "Rượu ngô San Thàng", "Cà phê rang xay Lai Châu",  # Thành phố Lai Châu
    "Trà Shencha", "Miến dong Bình Lư",  # Tam Đường
    "Mật ong Pa Ủ", "Bộ trang phục Hà Nhì",  # Mường Tè
    "Thảo quả sấy khô Sìn Hồ", "Trà thảo dược Tủa Sín Chải",  # Sìn Hồ
    "Chè Shan tuyết Sin Suối Hồ", "Gạo tẻ râu Phong Thổ",  # Phong Thổ
    "Gạo Séng Cù Mường Kim", "Chè búp khô Than Uyên",  # Than Uyên
    "Chè xanh Tân Uyên", "Hồng trà Tân Uyên",  # Tân Uyên
    "Măng khô Nậm Nhùn", "Sản phẩm mây tre đan Mường Mô",  # Nậm Nhùn
]
PRIORITY = ["Chè Shan tuyết Sin Suối Hồ", "Trà Đông phương mỹ nhân"]


@transaction.atomic
def load(*, staff=None, official=None) -> str:
    """Loads the plan, its targets and the sample picks (safe to run twice); returns a line for the log."""
    province = Province.objects.filter(short_name=PROVINCE).first()
    if province is None:
        return ""
    plan, _created = Plan.objects.update_or_create(province=province, number=NUMBER, defaults=PLAN)
    for position, (label, measure, goal, unit, breakdown, stars) in enumerate(TARGETS, start=1):
        Target.objects.update_or_create(plan=plan, position=position, defaults={
            "label": label, "measure": measure, "goal": goal, "unit": unit, "breakdown": breakdown,
            "min_stars": stars})
    plan.targets.filter(position__gt=len(TARGETS)).delete()
    products = {p.name: p for p in Product.objects.filter(producer__province=province,
                                                          name__in=[*ADVANTAGED, *PRIORITY])}
    picked = 0
    for kind, names in ((PlanProductKind.ADVANTAGED, ADVANTAGED), (PlanProductKind.PRIORITY, PRIORITY)):
        for name in names:
            if name in products:
                PlanProduct.objects.get_or_create(plan=plan, product=products[name], kind=kind)
                picked += 1
    return (f"Plan {plan.number} ({PROVINCE} 2019–2020): {len(TARGETS)} targets. SAMPLE DATA — the plan's number "
            f"and date, and its {picked} advantaged and priority picks.")
