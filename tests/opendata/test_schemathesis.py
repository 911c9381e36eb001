"""A property-based run of the API against its own OpenAPI description (schemathesis): every operation with
generated parameters, valid and not, must answer without a server error, with a status, a content type and a body
that the description promises. Derandomized (the same examples each run), about 30 s on either database."""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as examples
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.factories import (
    CommuneFactory,
    HistoricalDistrictFactory,
    ProducerFactory,
    ProductFactory,
    recognise,
    tea_group,
)

EXAMPLES = 40  # per operation


@pytest.fixture
def api_schema(db, lai_chau, settings):
    """The description served at /api/v1/openapi.json, called through the app itself (WSGI), over a registry with
    a product recognised today, one expired and one revoked, so that the ids tried do find something."""
    settings.ALLOWED_HOSTS = ["localhost"]  # schemathesis's requests through WSGI name this host
    district = HistoricalDistrictFactory(name="Huyện Tam Đường", province=lai_chau)
    producer = ProducerFactory(name="HTX Chè Bình Lư", commune=CommuneFactory(province=lai_chau),
                               historical_district=district, phone="0213 3876 543")
    today = timezone.localdate()
    recognise(ProductFactory(pk=1, producer=producer, name="Chè Shan tuyết", group=tea_group("2026")), stars=4,
              signed_on=today - datetime.timedelta(days=30))
    recognise(ProductFactory(pk=2, producer=producer, name="Trà xanh", group=tea_group("1048")), stars=3,
              signed_on=datetime.date(2020, 9, 30))
    ProductFactory(pk=3, producer=producer, name="Chè bản nháp", group=tea_group("2026"))
    # As Django's test client does: the connection (inside the test's transaction) stays open after each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Each operation with valid parameters, then with parameters that break the description (wrong types, out of
# range, unknown values): both must keep the promises. (Driven by Hypothesis here rather than by schemathesis's
# pytest plugin, whose fixture loader does not run under this pytest.)
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


def test_the_api_keeps_its_own_description(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 5
    for operation in operations:
        for mode in MODES:
            @given(case=operation.as_strategy(generation_mode=mode))
            @examples(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            def keeps_its_promises(case):
                case.call_and_validate()

            try:
                keeps_its_promises()
            except Unsatisfiable:  # a parameter that takes any text (a certificate number) cannot be broken
                assert mode == GenerationMode.NEGATIVE
