"""Factories with no surprises: every object lands in the province you pass (Lai Châu by default).

A product is OCOP only through a certificate: `recognise()` gets it there the way the app does (a round under
the rules of its date, a council scoring it, the decision finalised, the certificate issued)."""

import datetime
import io
from decimal import Decimal

import factory
from pypdf import PdfWriter

from accounts.models import User
from accounts.roles import Role
from evaluation import services
from evaluation.enums import MemberRole, RoundState
from evaluation.models import EvaluationRound
from geo.models import Commune, HistoricalDistrict, Province
from products.enums import LegalType, ProductStatus
from products.models import Producer, Product, ProductGroup
from products.services import reclassify_product


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = 12
    name = "Tỉnh Lai Châu"
    short_name = "Lai Châu"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: 90000 + n)
    name = factory.Sequence(lambda n: f"Xã Mẫu {n}")
    province = factory.SubFactory(ProvinceFactory)


class HistoricalDistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HistoricalDistrict
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: 9000 + n)
    name = factory.Sequence(lambda n: f"Huyện Mẫu {n}")
    province = factory.SubFactory(ProvinceFactory)


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    legal_type = LegalType.COOPERATIVE
    name = factory.Sequence(lambda n: f"Hợp tác xã Mẫu {n}")
    registration_code = factory.Sequence(lambda n: f"62{n:08d}")
    representative = "Nguyễn Văn Mẫu"
    address = "Bản Mẫu"
    commune = factory.SubFactory(CommuneFactory)
    historical_district = factory.SubFactory(
        HistoricalDistrictFactory, province=factory.SelfAttribute("..commune.province")
    )


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    producer = factory.SubFactory(ProducerFactory)
    name = factory.Sequence(lambda n: f"Sản phẩm mẫu {n}")
    group = factory.LazyFunction(lambda: ProductGroup.objects.get(scheme="1048", name="Chè tươi, chế biến"))
    status = ProductStatus.DRAFT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw")
    role = Role.PRODUCER

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def part_values(enrolment, rows):
    """{(member, 'p<part>'): points} from rows of (A, B, C) per member, in council order."""
    members = list(enrolment.round.members.all())
    parts = list(enrolment.round.criteria_set.parts.all())
    return {(m.pk, f"p{p.pk}"): str(v) for m, row in zip(members, rows) for p, v in zip(parts, row)}


TEA = {"1048": "Chè tươi, chế biến", "148": "Thực phẩm", "2026": "Chè tươi, chè chế biến"}


def tea_group(scheme):
    """The tea product set of a classification (148 has only its six groups)."""
    return ProductGroup.objects.get(scheme=scheme, name=TEA[scheme])


POINTS_FOR = {3: 60, 4: 80, 5: 95}


def parts_for(total, parts):
    """A member's points per part adding up to `total`, shared in proportion to the parts' maxima."""
    values = [(Decimal(total) * p.max_points / 100).quantize(Decimal("0.01")) for p in parts]
    values[-1] += Decimal(total) - sum(values)
    return values


def recognise(*products, stars=3, signed_on=datetime.date(2020, 9, 30), level="province", actor=None,
              district=None, number=None):
    """Recognise `products` at `stars` by a decision signed on `signed_on`, through the real services: a round
    of a 3-member council meeting two weeks before, each member scoring POINTS_FOR[stars]. Returns the decision."""
    province = products[0].producer.province
    starts_on = signed_on - datetime.timedelta(days=14)
    unit = {"district": district} if level == "district" else {}
    if number is None:
        taken = EvaluationRound.objects.filter(level=level, year=starts_on.year, **(
            {"province": province} if level == "province" else unit if level == "district" else {}))
        number = (max(taken.values_list("number", flat=True), default=0)) + 1
    round_ = services.create_round(province=None if level == "central" else province, number=number,
                                   starts_on=starts_on, level=level, actor=actor, **unit)
    for i, role in enumerate([MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.SECRETARY]):
        services.add_member(round_, name=f"Thành viên {i + 1}", role=role, position=i, actor=actor)
    services.set_round_state(round_, RoundState.SCORING, actor=actor)
    parts = list(round_.criteria_set.parts.all())
    for product in products:
        product.refresh_from_db()
        if product.group.scheme != round_.criteria_set.classification:
            reclassify_product(product, tea_group(round_.criteria_set.classification),
                               reason="Phân loại lại theo bộ tiêu chí mới", actor=actor)
            product.refresh_from_db()
        enrolment = services.enrol_product(round_, product, actor=actor)
        rows = [parts_for(POINTS_FOR[stars], parts)] * 3
        services.record_scores(enrolment, part_values(enrolment, rows), actor=actor,
                               expected_version=enrolment.version)
    services.set_round_state(round_, RoundState.SCORED, actor=actor)
    decision = services.finalise_decision(round_, number=f"{100 + round_.pk}/QĐ-UBND", signed_on=signed_on,
                                          signer_name="Trần Tiến Dũng", signer_title="Chủ tịch", actor=actor)
    for product in products:
        product.refresh_from_db()
    return decision


def blank_pdf():
    """A real one-page PDF (the upload reads PDFs through, so a file no reader opens is refused as damaged)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
