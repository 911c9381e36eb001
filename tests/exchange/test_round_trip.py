"""The official list written by `export_recognised` is what `import_registry` reads: a decision exported, then
imported into an empty database as past recognitions, loses nothing (compared field by field)."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from certificates.models import Certificate
from certificates.standing import annotate_recognised
from evaluation.demo import load_demo_rounds
from evaluation.models import Decision
from geo.services import load_admin_units
from products.demo import load_demo_data
from products.models import Product
from tests.exchange.test_import_registry import DAY, snapshot

pytestmark = pytest.mark.django_db

WITH_PRODUCERS = ("product__producer__commune", "product__group", "product__producer__province")


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_exported_decision_imported_into_an_empty_database_loses_nothing(file_format, request, tmp_path):
    exported = tmp_path / f"quyet-dinh-vong-1.{file_format}"
    with transaction.atomic():  # the demo, its round-1 list exported, then the database as empty as before
        load_demo_data()
        load_demo_rounds()
        decision = Decision.objects.order_by("signed_on", "pk").first()
        call_command("export_recognised", "--province", "Lai Châu", "--year", "2020", "--decision",
                     decision.number, "--format", file_format, "--output", str(exported))
        expected = snapshot(Certificate.objects.filter(decision=decision).select_related(*WITH_PRODUCERS))
        transaction.set_rollback(True)
    assert not Certificate.objects.exists() and not Product.objects.exists()
    load_admin_units()
    staff_user = request.getfixturevalue("staff_user")  # after the units: its province is Lai Châu's

    call_command("import_registry", str(exported), "--user", staff_user.username)

    certificates = Certificate.objects.select_related(*WITH_PRODUCERS)
    assert len(expected) == 23 and snapshot(certificates) == expected
    recognised = annotate_recognised(Product.objects.all(), DAY)
    assert Counter(recognised.values_list("standing_stars", flat=True)) == {3: 14, 4: 9}
    call_command("import_registry", str(exported), "--user", staff_user.username)  # again: nothing changes
    assert snapshot(Certificate.objects.select_related(*WITH_PRODUCERS)) == expected
