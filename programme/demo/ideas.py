"""SAMPLE DATA — product ideas of Lai Châu communes in the 2019–2020 cycle, at every status. They are invented to
show the pages (no public record lists the province's ideas); each says so in its description. Safe to run twice:
an idea already there (same commune, same product) is left as it is."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from products.models import Producer, Product, ProductGroup
from programme.enums import IdeaStatus
from programme.models import IdeaEvent, ProductIdea
from programme.services.ideas import set_idea_status

SAMPLE = "[Dữ liệu mẫu] "
D = datetime.date

# (producer's registration code or None, proposed producer's name, commune code when the producer is only named,
#  product, product set under 1048, description, [(step, date, comment)], the demo product it became)
IDEAS = [
    ("6200100001", "", None, "Trà cổ thụ Sà Dề Phìn", "Chè tươi, chế biến",
     "Chè từ cây cổ thụ bản Sà Dề Phìn, chế biến theo quy trình của công ty.",
     [(IdeaStatus.SUBMITTED, D(2019, 10, 15), ""),
      (IdeaStatus.SELECTED, D(2019, 11, 20), "Có vùng nguyên liệu, đưa vào danh mục năm 2020."),
      (IdeaStatus.REGISTERED, D(2020, 3, 10), "Đăng ký thành sản phẩm.")],
     "Trà cổ thụ Sà Dề Phìn"),
    (None, "Tổ hợp tác rượu ngô bản Nà Đon", 3390, "Rượu ngô men lá Nà Đon", "Rượu trắng",
     "Rượu ngô nấu bằng men lá truyền thống của đồng bào Dao.",
     [(IdeaStatus.SUBMITTED, D(2020, 5, 12), "")], None),
    ("6200100003", "", None, "Măng đắng sấy Bình Lư", "Chế biến từ rau, củ, quả, hạt",
     "Măng đắng rừng sấy khô, đóng túi 500 g.",
     [(IdeaStatus.SUBMITTED, D(2020, 4, 2), ""),
      (IdeaStatus.RETURNED, D(2020, 4, 20), "Bổ sung sản lượng dự kiến và nguồn nguyên liệu (tự nhiên hay trồng).")],
     None),
    ("6200100002", "", None, "Chè Shan tuyết túi lọc Sin Suối Hồ", "Các sản phẩm khác từ chè, trà",
     "Chè Shan tuyết nghiền, đóng túi lọc 2 g.",
     [(IdeaStatus.SUBMITTED, D(2020, 3, 3), ""),
      (IdeaStatus.SELECTED, D(2020, 4, 8), "Chọn: bổ sung dòng sản phẩm chè Shan tuyết của huyện.")], None),
    ("6200100004", "", None, "Gạo nếp cẩm Thèn Sin", "Gạo, ngũ cốc", "Gạo nếp cẩm trồng ruộng bậc thang.",
     [(IdeaStatus.SUBMITTED, D(2020, 2, 18), ""),
      (IdeaStatus.RETURNED, D(2020, 3, 5), "Bổ sung diện tích vùng nguyên liệu."),
      (IdeaStatus.SUBMITTED, D(2020, 3, 20), "Đã bổ sung diện tích: 12 ha."),
      (IdeaStatus.REJECTED, D(2020, 4, 8), "Vùng nguyên liệu còn nhỏ; đề xuất lại ở chu kỳ sau.")], None),
]


@transaction.atomic
def load(*, staff=None, official=None) -> str:
    commune_staff = User.objects.filter(username="canboxa").first()
    groups = {g.name: g for g in ProductGroup.objects.filter(scheme="1048")}
    producers = {p.registration_code: p for p in Producer.objects.filter(
        registration_code__in=[code for code, *_rest in IDEAS if code])}
    if not producers:
        return ""
    created = 0
    for code, named, commune_code, name, group, description, steps, product_name in IDEAS:
        producer = producers.get(code) if code else None
        if code and producer is None:
            continue
        commune_id = producer.commune_id if producer else (
            Producer.objects.filter(commune__code=commune_code).values_list("commune_id", flat=True).first())
        if commune_id is None or ProductIdea.objects.filter(commune_id=commune_id, product_name=name).exists():
            continue
        author = commune_staff if commune_staff and commune_staff.commune_id == commune_id else None
        idea = ProductIdea(commune_id=commune_id, producer=producer, producer_name=named, product_name=name,
                           group=groups[group], description=SAMPLE + description, submitted_by=author)
        for step, _day, comment in steps:
            if step == IdeaStatus.REGISTERED:
                idea.product = Product.objects.get(producer=producer, name=product_name)
            actor = author if step == IdeaStatus.SUBMITTED else staff
            set_idea_status(idea, step, actor=actor, comment=comment)
        # dated as the cycle was: registered on the first step's day, each step on its own
        at = [timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))) for _s, day, _c in steps]
        ProductIdea.objects.filter(pk=idea.pk).update(created_at=at[0], updated_at=at[-1])
        for event, when in zip(IdeaEvent.objects.filter(idea=idea).order_by("pk"), at, strict=True):
            IdeaEvent.objects.filter(pk=event.pk).update(created_at=when)
        created += 1
    total = ProductIdea.objects.filter(description__startswith=SAMPLE).count()
    return f"SAMPLE DATA — product ideas of the 2019–2020 cycle: {total} ({created} new)."
