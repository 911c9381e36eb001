"""Factories with no surprises: every object lands in the province you pass (Lai Châu by default)."""

import factory

from accounts.models import User
from accounts.roles import Role
from geo.models import Commune, HistoricalDistrict, Province
from products.enums import LegalType, ProductStatus
from products.models import Producer, Product, ProductGroup


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
    status = ProductStatus.RECOGNISED
    stars = 3
    recognised_year = 2020


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
