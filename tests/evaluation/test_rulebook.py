"""The rule periods' legal Vietnamese names show as stored in Vietnamese and in English in English."""

from django.utils import translation

from evaluation.models import RecognitionPeriod
from evaluation.rulebook.periods import NAMES, PERIODS


def test_every_period_name_is_the_legal_one_in_vietnamese_and_english_in_english(db):
    assert set(NAMES) == {p[1] for p in PERIODS} == set(RecognitionPeriod.objects.values_list("name", flat=True))
    for period in RecognitionPeriod.objects.all():
        with translation.override("vi"):
            assert str(period) == period.name
        with translation.override("en"):
            assert str(period).startswith("Decision") and "từ" not in str(period) and " và " not in str(period)
