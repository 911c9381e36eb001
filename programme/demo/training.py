"""Lai Châu's 2019–2020 training courses and the award ceremony of 13/12/2020 (safe to run twice).

From the records: the ceremony's day, that the Chairman of the provincial People's Committee (Trần Tiến Dũng) and
a Vice-Chairman (Hà Trọng Hải) handed out the certificates, and its products — those recognised on that day by
the two 2020 rounds. Sample data, and marked so: the ceremony's place, both courses (titles, dates, places,
organiser) and their attendees (the producers' leaders are the demo producers' representatives, themselves
samples; the staff's names are samples)."""

import datetime

from django.db import transaction

from geo.models import Province
from products.models import Producer, Product
from products.standing import recognised_on
from programme.enums import AttendeeRole, EventKind
from programme.models import PromotionEvent, TrainingCourse
from programme.services import training as services

PROVINCE_CODE = 12  # Lai Châu
CEREMONY_DAY = datetime.date(2020, 12, 13)
CEREMONY = {
    "kind": EventKind.CONFERENCE,
    "title": "Hội nghị công bố và trao giấy chứng nhận sản phẩm OCOP tỉnh Lai Châu năm 2020",
    "starts_on": CEREMONY_DAY, "ends_on": CEREMONY_DAY,
    "place": "Thành phố Lai Châu (địa điểm: dữ liệu mẫu)",
    "description": (
        "Chủ tịch UBND tỉnh Trần Tiến Dũng và Phó Chủ tịch UBND tỉnh Hà Trọng Hải trao giấy chứng nhận cho các "
        "sản phẩm OCOP năm 2020 của tỉnh: 47 sản phẩm đạt từ 3 sao trở lên (đợt 1: 23 sản phẩm, 14 sản phẩm "
        "3 sao và 9 sản phẩm 4 sao; đợt 2: 24 sản phẩm 3 sao)."),
}
SAMPLE = "DỮ LIỆU MẪU"
COURSES = [
    {
        "title": f"Tập huấn triển khai Chương trình OCOP cho cán bộ tỉnh, huyện, xã năm 2019 ({SAMPLE})",
        "starts_on": datetime.date(2019, 8, 20), "ends_on": datetime.date(2019, 8, 21),
        "place": "Thành phố Lai Châu", "audience": "Cán bộ OCOP cấp tỉnh, cấp huyện và cấp xã",
        "organiser": "Văn phòng Điều phối nông thôn mới tỉnh Lai Châu",
        "staff": [("Đặng Văn Tùng", AttendeeRole.PROVINCIAL_STAFF),
                  ("Nguyễn Thị Thu Hà", AttendeeRole.PROVINCIAL_STAFF),
                  ("Lò Văn Quý", AttendeeRole.COMMUNE_STAFF), ("Tẩn Thị Mẩy", AttendeeRole.COMMUNE_STAFF),
                  ("Giàng A Sình", AttendeeRole.COMMUNE_STAFF)],
        "leaders": 0,
    },
    {
        "title": f"Tập huấn xây dựng hồ sơ và phát triển sản phẩm OCOP cho chủ thể năm 2020 ({SAMPLE})",
        "starts_on": datetime.date(2020, 5, 26), "ends_on": datetime.date(2020, 5, 28),
        "place": "Thành phố Lai Châu",
        "audience": "Người đại diện các doanh nghiệp, hợp tác xã, tổ hợp tác, hộ sản xuất tham gia OCOP",
        "organiser": "Văn phòng Điều phối nông thôn mới tỉnh Lai Châu",
        "staff": [("Nguyễn Thị Thu Hà", AttendeeRole.PROVINCIAL_STAFF)],
        "leaders": None,  # every demo producer's representative
    },
]


@transaction.atomic
def load(*, staff=None, official=None) -> str:
    """Loads this part of the Lai Châu programme's demo data (safe to run twice); returns a line for the log."""
    province = Province.objects.filter(code=PROVINCE_CODE).first()
    if province is None:
        return ""
    producers = list(Producer.objects.filter(province=province).select_related("commune")
                     .order_by("registration_code"))
    communes = [p.commune for p in producers]
    attendees = 0
    for spec in COURSES:
        fields = {k: spec[k] for k in ("title", "starts_on", "ends_on", "place", "audience", "organiser")}
        course = (TrainingCourse.objects.filter(province=province, title=spec["title"]).first()
                  or services.create_course(province=province, actor=staff, **fields))
        people = [(name, role, None, communes[i % len(communes)] if role == AttendeeRole.COMMUNE_STAFF and communes
                   else None) for i, (name, role) in enumerate(spec["staff"])]
        leaders = producers if spec["leaders"] is None else producers[:spec["leaders"]]
        people += [(p.representative, AttendeeRole.PRODUCER_LEADER, p, p.commune) for p in leaders if p.representative]
        for name, role, producer, commune in people:
            if not course.attendees.filter(full_name=name, role=role, producer=producer).exists():
                services.add_attendee(course, actor=staff, full_name=name, role=role, producer=producer,
                                      commune=commune)
        attendees += course.attendees.count()
    honoured = list(recognised_on(Product.objects.filter(producer__province=province), CEREMONY_DAY)
                    .select_related("producer"))
    event = PromotionEvent.objects.filter(province=province, title=CEREMONY["title"]).first()
    if event is None:
        event = services.create_event(province=province, actor=staff, products=honoured, **CEREMONY)
    else:
        services.edit_event(event, actor=staff, products=honoured)
    return (f"SAMPLE DATA — training: {len(COURSES)} courses ({attendees} attendees); the award ceremony of "
            f"{CEREMONY_DAY:%d/%m/%Y} with {event.products.count()} products recognised that day.")
