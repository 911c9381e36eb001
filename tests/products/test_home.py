"""The home page's figures come from the shared cache: computed once per OCOP_PUBLIC_COUNTS_SECONDS and day."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, recognise, tea_group

D = datetime.date


@pytest.fixture
def teas(lai_chau):
    producer = ProducerFactory(commune=CommuneFactory(province=lai_chau), name="HTX Chè Tả Lèng")
    return [ProductFactory(producer=producer, name=name, group=tea_group("2026")) for name in ("Chè xanh", "Chè đen")]


def home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return (response.context["recognised_count"], response.context["producer_count"]), len(queries)


def test_home_counts_are_cached_for_a_while_and_a_day(client, teas, settings):
    first, second = teas
    recognise(first, stars=4, signed_on=D(2026, 6, 10))
    with time_machine.travel(datetime.datetime(2027, 1, 15, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        counts, computed = home(client)
        assert counts == (1, 1)
        recognise(second, stars=3, signed_on=D(2026, 6, 10))
        counts, cached = home(client)
        assert counts == (1, 1) and cached == computed - 2  # the two counts were not run again
        clock.shift(settings.OCOP_PUBLIC_COUNTS_SECONDS + 1)
        assert home(client) == ((2, 1), computed)
        clock.move_to(datetime.datetime(2029, 6, 9, 16, 59, 30, tzinfo=datetime.UTC))  # 23:59:30 in Hà Nội
        assert home(client)[0] == (2, 1)  # their last day
        clock.shift(40)
        assert home(client)[0] == (0, 0)  # a new day is counted anew, however recent the last count
