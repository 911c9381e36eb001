import pytest

from accounts.roles import Role
from products.enums import ProductStatus
from tests.factories import (
    CommuneFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    UserFactory,
)


@pytest.fixture
def lai_chau(db):
    return ProvinceFactory(code=12, name="Tỉnh Lai Châu", short_name="Lai Châu")


@pytest.fixture
def dien_bien(db):
    return ProvinceFactory(code=11, name="Tỉnh Điện Biên", short_name="Điện Biên")


@pytest.fixture
def producer(lai_chau):
    return ProducerFactory(name="Hợp tác xã Chè Mẫu", commune=CommuneFactory(province=lai_chau))


@pytest.fixture
def other_producer(lai_chau):
    return ProducerFactory(name="Hợp tác xã Khác", commune=CommuneFactory(province=lai_chau))


@pytest.fixture
def product(producer):
    return ProductFactory(producer=producer, name="Chè Shan tuyết Mẫu", stars=4)


@pytest.fixture
def draft_product(producer):
    return ProductFactory(producer=producer, name="Trà mới", status=ProductStatus.DRAFT, stars=None,
                          recognised_year=None)


@pytest.fixture
def other_product(other_producer):
    return ProductFactory(producer=other_producer, name="Mật ong Mẫu", status=ProductStatus.DRAFT, stars=None,
                          recognised_year=None)


# Personas: producer, producer of another entity, staff of the province, staff of another province,
# official, administrator (anonymous is the test client without login).
@pytest.fixture
def producer_user(producer):
    return UserFactory(username="chuthe", role=Role.PRODUCER, producer=producer)


@pytest.fixture
def other_producer_user(other_producer):
    return UserFactory(username="chuthekhac", role=Role.PRODUCER, producer=other_producer)


@pytest.fixture
def staff_user(lai_chau):
    return UserFactory(username="canbo", role=Role.STAFF, province=lai_chau)


@pytest.fixture
def other_staff_user(dien_bien):
    return UserFactory(username="canbodienbien", role=Role.STAFF, province=dien_bien)


@pytest.fixture
def official_user(lai_chau):
    return UserFactory(username="lanhdao", role=Role.OFFICIAL, province=lai_chau)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", role=Role.ADMIN, is_superuser=True)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
