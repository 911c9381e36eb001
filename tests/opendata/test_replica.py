"""The API's reads go to the read replica, as the public pages' do (ocop/replica.py)."""

import pytest

from ocop.replica import REPLICA_APPS
from tests.ocop.test_replica import get, replica, tea  # noqa: F401 — the replica's fixtures and helper

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])


def test_the_api_reads_from_the_replica(client, tea, replica):  # noqa: F811
    certificate = tea.certificates.get()
    for url in ["/api/v1/products/", f"/api/v1/products/{tea.pk}/", "/api/v1/producers/",
                f"/api/v1/producers/{tea.producer_id}/", f"/api/v1/certificates/{certificate.number}/"]:
        _response, on_replica, on_primary = get(client, url)
        assert on_replica and on_replica <= REPLICA_APPS and not on_primary, url
