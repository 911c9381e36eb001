"""Who signs a round's decision — and so issues its certificates. Written onto the decision when it is
finalised and copied onto each certificate (never rebuilt later, whatever becomes of the unit).

- a provincial council's products: the provincial People's Committee ("ỦY BAN NHÂN DÂN / TỈNH LAI CHÂU");
- a district council's (148 era, 3★): the district's People's Committee ("ỦY BAN NHÂN DÂN / HUYỆN TAM ĐƯỜNG");
- the central council's (5★): the Ministry — of Agriculture and Rural Development until 28/02/2025, of
  Agriculture and Environment from 01/03/2025 (Resolution 176/2025/QH15 merged it with Natural Resources and
  Environment).
"""

import datetime
from dataclasses import dataclass

from evaluation.enums import CouncilLevel
from geo.reform import place_name
from ocop.text import in_sentence

MINISTRY_MERGED_ON = datetime.date(2025, 3, 1)
PEOPLES_COMMITTEE = "Ủy ban nhân dân"


@dataclass(frozen=True)
class Issuer:
    header: str  # as printed at the top left, one line per line of the header
    in_a_sentence: str  # "Ủy ban nhân dân huyện Tam Đường"
    place: str  # where it is signed: "Tam Đường", "Lai Châu", "Hà Nội"


def ministry(day) -> str:
    return ("Bộ Nông nghiệp và Môi trường" if day >= MINISTRY_MERGED_ON
            else "Bộ Nông nghiệp và Phát triển nông thôn")


def authority_for(round_, day) -> Issuer:
    """The authority that recognises the products of `round_` by a decision dated `day`."""
    if round_.level == CouncilLevel.CENTRAL:
        name = ministry(day)
        return Issuer(name.upper(), name, "Hà Nội")
    unit = round_.district if round_.level == CouncilLevel.DISTRICT else round_.province
    return Issuer(f"{PEOPLES_COMMITTEE.upper()}\n{unit.name.upper()}", f"{PEOPLES_COMMITTEE} {in_sentence(unit.name)}",
                  place_name(unit.name))
