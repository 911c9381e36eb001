"""SAMPLE DATA (dữ liệu mẫu): three OCOP points of sale of Lai Châu carrying some of the 47 products of 2020, each
with one check against Decision 920/QĐ-BCT. Their names, addresses, operators and checks are samples, not records
of Lai Châu, and say so; they show a point meeting the criteria, one that does not, and products whose recognition
expired or was revoked left off the public pages. Made through the real services; safe to run twice."""

import datetime

from django.db import transaction
from django.utils import timezone

from geo.models import Commune, Province
from products.models import Producer, Product
from programme.models import PointOfSale
from programme.services.outlets import CRITERION_KEYS, record_check, save_point

SAMPLE = "(dữ liệu mẫu)"
POINTS = [
    {"name": f"Điểm giới thiệu và bán sản phẩm OCOP tỉnh Lai Châu {SAMPLE}", "commune": 3388,
     "address": "Đại lộ Lê Lợi (địa chỉ mẫu)", "operator": "Trung tâm Xúc tiến thương mại tỉnh (mẫu)",
     "operator_producer": None, "phone": "0213 3000 001", "opened_on": datetime.date(2021, 6, 1),
     "products": [("6200100001", "Trà Đông phương mỹ nhân"), ("6200100001", "Trà Shencha"),
                  ("6200100004", "Gạo Séng Cù Thèn Sin"), ("6200100005", "Lê Giang Ma"),
                  ("6200100003", "Miến dong Bình Lư"), ("6200100003", "Bột dong riềng Bình Lư"),
                  ("6200100006", "Mật ong Pa Ủ")],
     "check": (datetime.date(2026, 11, 10), CRITERION_KEYS, "Kiểm tra mẫu: đạt đủ các tiêu chí.")},
    {"name": f"Cửa hàng sản phẩm OCOP chè Tam Đường {SAMPLE}", "commune": 3390,
     "address": "Quốc lộ 4D (địa chỉ mẫu)", "operator": "Công ty Cổ phần Đầu tư Phát triển Chè Tam Đường",
     "operator_producer": "6200100001", "phone": "", "opened_on": datetime.date(2022, 3, 15),
     "products": [("6200100001", name) for name in ("Trà Đông phương mỹ nhân", "Trà Shencha", "Trà Oolong",
                                                     "Trà Matcha", "Trà Kim tuyên", "Trà cổ thụ Sà Dề Phìn")],
     "check": (datetime.date(2026, 11, 12), CRITERION_KEYS, "Kiểm tra mẫu.")},
    {"name": f"Quầy sản phẩm OCOP chợ Than Uyên {SAMPLE}", "commune": 3595,
     "address": "Chợ trung tâm (địa chỉ mẫu)", "operator": "Ban quản lý chợ (mẫu)", "operator_producer": None,
     "phone": "", "opened_on": datetime.date(2023, 1, 10),
     "products": [("6200100012", "Chè búp khô Than Uyên"), ("6200100013", "Gạo Séng Cù Mường Kim"),
                  ("6200100014", "Thịt trâu sấy Mường Than"), ("6200100005", "Lê Giang Ma")],
     "check": (datetime.date(2026, 11, 14), ("location_access", "location_site", "products_market"),
               "Kiểm tra mẫu: phần lớn sản phẩm của quầy chưa được công nhận OCOP còn hiệu lực.")},
]


@transaction.atomic
def load(*, staff=None, official=None) -> str:
    """Loads this part of the Lai Châu programme's demo data (safe to run twice); returns a line for the log."""
    province = Province.objects.filter(code=12).first()
    if province is None:
        return ""
    made = 0
    for item in POINTS:
        if PointOfSale.objects.filter(province=province, name=item["name"]).exists():
            continue
        commune = Commune.objects.filter(province=province, code=item["commune"]).first()
        products = [p for code, name in item["products"]
                    if (p := Product.objects.filter(producer__registration_code=code, name=name).first())]
        if commune is None or not products:
            continue
        operator = (Producer.objects.filter(registration_code=item["operator_producer"]).first()
                    if item["operator_producer"] else None)
        point = save_point(PointOfSale(commune=commune, name=item["name"], address=item["address"],
                                       operator=item["operator"], operator_producer=operator, phone=item["phone"],
                                       opened_on=item["opened_on"]), products=products, actor=staff)
        checked_on, met, note = item["check"]
        record_check(point, checked_on=min(checked_on, timezone.localdate()), met=set(met), note=note, actor=staff)
        made += 1
    total = PointOfSale.objects.filter(province=province, name__endswith=SAMPLE).count()
    return f"SAMPLE DATA — OCOP points of sale of Lai Châu: {total} ({made} new), each checked once."
