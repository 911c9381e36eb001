"""The API's shapes (pydantic, through django-ninja): what the OpenAPI description at /api/v1/openapi.json
promises, and what every response is checked against (tests/opendata/test_schemathesis.py)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from products.enums import LegalType

# An id is 1 to 18 digits, as in the site's addresses (ocop/converters.py): more would overflow a database integer.
MAX_ID = 10 ** 18 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
StandingFilter = Literal["", "lapsed", "all"]
ProducerType = Literal[tuple(LegalType.values)]  # the stored values


class Place(Schema):
    id: int
    name: str


class Group(Schema):
    id: int
    name: str
    sector: str
    category: str | None
    scheme: str


class ProducerBrief(Schema):
    id: int
    name: str
    legal_type: ProducerType
    legal_type_label: str
    address: str
    commune: Place | None
    district: Place | None = Field(description="The district before the 07/2025 reform, if recorded.")
    province: Place


class Producer(ProducerBrief):
    phone: str | None


class Standing(Schema):
    code: Literal["recognised", "expired", "revoked"]
    label: str
    stars: int | None
    valid_until: datetime.date | None
    year: int | None = Field(description="Year of the decision that recognised it.")
    certificate: str | None
    decision_number: str | None
    decision_date: datetime.date | None


class Product(Schema):
    id: int
    name: str
    url: str = Field(description="The product's page on this site.")
    group: Group
    producer: ProducerBrief
    standing: Standing


class CertificateBrief(Schema):
    number: str
    stars: int
    state: Literal["valid", "expired", "revoked", "superseded"]
    state_label: str
    decision_number: str
    decision_date: datetime.date
    issuing_body: str
    issued_on: datetime.date
    expires_on: datetime.date
    ended_on: datetime.date | None
    revoked_reason: str | None
    verify_url: str


class ProductDetail(Product):
    description: str
    producer: Producer
    certificates: list[CertificateBrief]


class ProducerProduct(Schema):
    id: int
    name: str
    standing: Literal["recognised", "expired", "revoked"]
    stars: int | None


class ProducerDetail(Producer):
    products: list[ProducerProduct]


class Verification(CertificateBrief):
    valid: bool
    product_id: int
    product_name: str
    product_group: str
    producer_name: str
    province: str
    superseded_by: str | None
    replaced_by_correction: bool


class Page(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None


class ProductPage(Page):
    results: list[Product]


class ProducerPage(Page):
    results: list[Producer]


class Problem(Schema):
    parameter: str
    message: str


class Error(Schema):
    detail: str
    errors: list[Problem] | None = None


class ProductFilters(Schema):
    q: str | None = Field(None, description="Words of the product's name, with or without diacritics.")
    province: Id | None = None
    district: Id | None = Field(None, description="A district before the 07/2025 reform.")
    commune: Id | None = None
    group: Id | None = Field(None, description="A product set or group.")
    stars: Annotated[int, Field(ge=3, le=5)] | None = None
    year: Annotated[int, Field(ge=1, le=9999)] | None = Field(None, description="Year of the recognition.")
    producer_type: ProducerType | None = None
    standing: StandingFilter = Field("", description="Empty: recognised today; lapsed: expired or revoked; "
                                                     "all: both.")


class ProducerFilters(Schema):
    q: str | None = Field(None, description="Words of the producer's name, with or without diacritics.")
    province: Id | None = None
    district: Id | None = None
    commune: Id | None = None
    producer_type: ProducerType | None = None
    standing: StandingFilter = Field("", description="Producers with a product recognised today (empty), "
                                                     "lapsed, or all.")


class Paging(Schema):
    page: Annotated[int, Field(ge=1, le=MAX_ID)] = 1
    page_size: Annotated[int, Field(ge=1, le=100)] = 20
