"""The OCOP product classification, one versioned block per decision (loaded into ProductGroup rows).

1048/QĐ-TTg (2019): 6 sectors split into 26 product sets (ocop-domain.md §2.1).
148/QĐ-TTg (2023): 6 product groups (QĐ 919/QĐ-TTg); their sub-groups are not yet confirmed.
26/2026/QĐ-TTg (in force from 22/05/2026): 6 sectors (ngành), 26 product sets (bộ sản phẩm), the food sector's
sets in groups (nhóm). Source: the decision as public records describe it (Phụ lục I/II; provincial portals
and legal news; the primary text was not at hand) — OCOP-RULES.md, "QĐ 26/2026/QĐ-TTg as public records
describe it".
"""

import datetime

SCHEME_1048 = "1048"
SCHEME_148 = "148"
SCHEME_2026 = "2026"

# Which classification new products take, from which day (the criteria set of the same decision applies).
IN_FORCE_FROM = [
    (SCHEME_1048, datetime.date(2019, 8, 21)),  # QĐ 1048/QĐ-TTg of 21/08/2019
    (SCHEME_148, datetime.date(2023, 2, 24)),  # QĐ 148/QĐ-TTg of 24/02/2023
    (SCHEME_2026, datetime.date(2026, 5, 22)),  # QĐ 26/2026/QĐ-TTg, in force from 22/05/2026
]


def scheme_on(day: datetime.date) -> str:
    """The classification in force on `day` (the oldest one before 1048 existed)."""
    current = IN_FORCE_FROM[0][0]
    for scheme, since in IN_FORCE_FROM:
        if day >= since:
            current = scheme
    return current

CLASSIFICATION = {
    SCHEME_1048: {
        "Thực phẩm": [
            "Rau, củ, quả, hạt tươi",
            "Thịt, trứng, sữa tươi",
            "Gạo, ngũ cốc",
            "Mật ong, sản phẩm từ mật ong, mật khác",
            "Chế biến từ gạo, ngũ cốc",
            "Chế biến từ rau, củ, quả, hạt",
            "Chế biến từ thịt, trứng, sữa",
            "Chế biến từ thủy, hải sản",
            "Đồ ăn nhanh",
            "Tương, nước mắm, gia vị dạng lỏng khác",
            "Gia vị khác",
            "Chè tươi, chế biến",
            "Các sản phẩm khác từ chè, trà",
            "Cà phê, ca cao",
        ],
        "Đồ uống": [
            "Rượu trắng",
            "Đồ uống có cồn khác",
            "Đồ uống không cồn",
            "Nước khoáng thiên nhiên, nước uống tinh khiết",
        ],
        "Thảo dược": [
            "Thực phẩm chức năng, thuốc từ dược liệu, thuốc YHCT",
            "Mỹ phẩm",
            "Trang thiết bị, dụng cụ y tế",
            "Thảo dược khác",
        ],
        "Vải và may mặc": ["Ngành vải, may mặc"],
        "Lưu niệm – nội thất – trang trí": [
            "Thủ công mỹ nghệ gia dụng",
            "Thủ công mỹ nghệ, trang trí",
        ],
        "Dịch vụ du lịch nông thôn, bán hàng": ["Dịch vụ du lịch cộng đồng và điểm du lịch"],
    },
    SCHEME_148: {
        "Thực phẩm": ["Thực phẩm"],
        "Đồ uống": ["Đồ uống"],
        "Dược liệu và sản phẩm từ dược liệu": ["Dược liệu và sản phẩm từ dược liệu"],
        "Hàng thủ công mỹ nghệ": ["Hàng thủ công mỹ nghệ"],
        "Sinh vật cảnh": ["Sinh vật cảnh"],
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": [
            "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
        ],
    },
    # 26/2026: (group, product set). Records name groups only in the food sector; elsewhere the group is the
    # sector itself (no group is invented).
    SCHEME_2026: {
        "Thực phẩm": [
            ("Tươi sống", "Rau, củ, quả, hạt tươi"),
            ("Tươi sống", "Thịt, thủy sản, trứng, sữa tươi"),
            ("Thô, sơ chế", "Gạo, ngũ cốc, hạt sơ chế"),
            ("Thô, sơ chế", "Mật ong, mật khác và nông sản thực phẩm khác"),
            ("Chế biến", "Đồ ăn nhanh"),
            ("Chế biến", "Chế biến từ gạo, ngũ cốc"),
            ("Chế biến", "Chế biến từ rau, củ, quả, hạt"),
            ("Chế biến", "Chế biến từ thịt, thủy sản, trứng, sữa, mật ong"),
            ("Gia vị", "Tương, nước mắm, gia vị lỏng"),
            ("Gia vị", "Gia vị khác (muối, hành, tỏi, tiêu…)"),
            ("Chè", "Chè tươi, chè chế biến"),
            ("Chè", "Trà từ thực vật khác"),
            ("Cà phê, ca cao", "Cà phê, ca cao"),
        ],
        "Đồ uống": [
            ("Đồ uống", "Rượu trắng"),
            ("Đồ uống", "Đồ uống có cồn khác"),
            ("Đồ uống", "Nước khoáng, nước uống đóng chai"),
            ("Đồ uống", "Đồ uống không cồn khác"),
        ],
        "Dược liệu và sản phẩm từ dược liệu": [
            ("Dược liệu và sản phẩm từ dược liệu", "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền"),
            ("Dược liệu và sản phẩm từ dược liệu", "Mỹ phẩm từ dược liệu"),
            ("Dược liệu và sản phẩm từ dược liệu", "Tinh dầu và dược liệu khác"),
        ],
        "Hàng thủ công mỹ nghệ": [
            ("Hàng thủ công mỹ nghệ", "Thủ công mỹ nghệ"),
            ("Hàng thủ công mỹ nghệ", "Vải, may mặc"),
        ],
        "Sinh vật cảnh": [
            ("Sinh vật cảnh", "Hoa"),
            ("Sinh vật cảnh", "Cây cảnh"),
            ("Sinh vật cảnh", "Động vật cảnh"),
        ],
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": [
            ("Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
             "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"),
        ],
    },
}


def iter_groups():
    """Yield (scheme, sector, group, product set, position) for every product set of every scheme."""
    for scheme, sectors in CLASSIFICATION.items():
        position = 0
        for sector, names in sectors.items():
            for entry in names:
                category, name = entry if isinstance(entry, tuple) else ("", entry)
                position += 1
                yield scheme, sector, category, name, position
