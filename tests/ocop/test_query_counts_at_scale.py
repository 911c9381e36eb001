"""Every page of the national benchmark (bench/pages.py) runs as many queries on a small national seed as on one
four times its size: no page's query count grows with the data."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Count

from bench import pages as bench_pages
from evaluation.enums import RoundState
from geo.models import Province

pytestmark = pytest.mark.django_db


def counts_of_every_page(products):
    call_command("seed_national", products=products, seed=3, allow_production=True, reset=True, stdout=StringIO())
    # the province with the most products among those with a decided round (Lai Châu has none in a small seed)
    province = (Province.objects.filter(rounds__state=RoundState.DECIDED)
                .annotate(products=Count("producers__products", distinct=True)).order_by("-products", "code")[0])
    pages = bench_pages.pages_to_measure(staff_login=f"seed-canbo-{province.code:02d}")
    cache.clear()  # cached choice lists would make the second size's pages cheaper: count every page cold
    return bench_pages.query_counts(pages)


def test_no_page_runs_more_queries_when_the_data_grows():
    small = counts_of_every_page(100)
    large = counts_of_every_page(400)
    assert len(small) >= 12
    assert large == small
