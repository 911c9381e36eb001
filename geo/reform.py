"""Dates of the administrative reforms the records must respect."""

import datetime

# Resolution 202/2025/QH15 and the two-tier local government (Law 72/2025/QH15): from 01/07/2025 there are
# no districts; provinces (34) and communes. Records dated before keep the district they were made under.
TWO_TIER_FROM = datetime.date(2025, 7, 1)

_UNIT_PREFIXES = ("Thành phố ", "Thị xã ", "Huyện ", "Quận ", "Tỉnh ")


def place_name(name: str) -> str:
    """An administrative unit as a place: "Huyện Tam Đường" → "Tam Đường", "Tỉnh Lai Châu" → "Lai Châu"."""
    for prefix in _UNIT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def is_two_tier(day: datetime.date) -> bool:
    return day >= TWO_TIER_FROM
