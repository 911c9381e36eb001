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
