import pytest

from geo.models import Commune, HistoricalDistrict, Province
from geo.services import load_admin_units

LAI_CHAU_DISTRICTS = {"Thành phố Lai Châu", "Huyện Tam Đường", "Huyện Than Uyên", "Huyện Tân Uyên",
                      "Huyện Phong Thổ", "Huyện Sìn Hồ", "Huyện Mường Tè", "Huyện Nậm Nhùn"}


@pytest.mark.django_db
def test_load_admin_units_loads_the_current_units_and_the_old_districts():
    counts = load_admin_units()
    assert counts["provinces"] == 34
    assert counts["communes"] == Commune.objects.count() > 3000
    lai_chau = Province.objects.get(short_name="Lai Châu")
    assert lai_chau.code == 12
    districts = HistoricalDistrict.objects.filter(province=lai_chau).values_list("name", flat=True)
    assert set(districts) == LAI_CHAU_DISTRICTS
    assert Commune.objects.filter(province=lai_chau, name="Xã Bình Lư").exists()
    assert load_admin_units() == counts  # safe to repeat


def test_find_province_by_its_short_or_full_name_with_or_without_diacritics(lai_chau, dien_bien):
    from geo.services import find_province  # noqa: PLC0415 — the function this test is about

    assert [find_province(n) for n in ("Lai Châu", "lai chau", " LAI  CHAU ", lai_chau.name, "Điện Biên",
                                       "dien bien")] == [lai_chau] * 4 + [dien_bien] * 2
    assert [find_province(n) for n in ("Atlantis", "", "   ", "Lai")] == [None] * 4


@pytest.mark.django_db
def test_print_certificates_and_plan_progress_name_the_province_they_cannot_find():
    from django.core.management import CommandError, call_command  # noqa: PLC0415 — only this test runs commands

    for command, extra in (("print_certificates", ["--year", "2020", "--output", "/dev/null"]), ("plan_progress", [])):
        with pytest.raises(CommandError, match="Không tìm thấy tỉnh “Atlantis”."):
            call_command(command, "--province", "Atlantis", *extra)
