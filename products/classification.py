"""The OCOP product classification, one versioned block per decision (loaded into ProductGroup rows).

1048/QĐ-TTg (2019): 6 sectors split into 26 product sets (ocop-domain.md §2.1).
148/QĐ-TTg (2023): 6 product groups (QĐ 919/QĐ-TTg); their sub-groups are not yet confirmed.
"""

SCHEME_1048 = "1048"
SCHEME_148 = "148"

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
}


def iter_groups():
    """Yield (scheme, sector, name, position) for every product set of every scheme."""
    for scheme, sectors in CLASSIFICATION.items():
        position = 0
        for sector, names in sectors.items():
            for name in names:
                position += 1
                yield scheme, sector, name, position
