"""Names for synthetic data: people, producers, products, councils and reasons, drawn from a seeded random source.

Every name is invented (the places are real communes); nothing here is a record of a real producer or product.
"""

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
            "Lò", "Hà", "Tòng", "Giàng", "Sùng", "Vàng", "Đinh", "Mai", "Trịnh", "Lương"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Thanh", "Ngọc", "Xuân", "Hữu", "Kim", "Bảo",
                "Gia", "Thế"]
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan",
               "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang",
               "Tuấn", "Vân", "Yến", "Chiến", "Đạt", "Hiền", "Huệ", "Lộc", "Nhung", "Oanh", "Quý", "Thủy", "Việt"]

# What each sector makes (the first words of a product name), by the sector names of the three classifications.
KINDS = {
    "food": ["Chè Shan tuyết", "Chè xanh", "Trà hoa vàng", "Gạo nếp", "Gạo tám thơm", "Mật ong rừng",
             "Mật ong hoa nhãn", "Cà phê rang xay", "Cà phê bột", "Miến dong", "Măng khô", "Thịt trâu gác bếp",
             "Lạp xưởng", "Nước mắm", "Tương ớt", "Hạt dổi", "Nấm hương", "Mộc nhĩ", "Cam sành", "Bưởi da xanh",
             "Vải thiều", "Nhãn lồng", "Mắc ca", "Hạt điều rang muối", "Bánh chưng", "Bánh gai", "Chả cá",
             "Mực một nắng", "Tỏi cô đơn", "Tiêu đen", "Muối tôm", "Ô mai", "Khô bò", "Sữa chua", "Trứng vịt muối",
             "Ca cao nguyên chất"],
    "drinks": ["Rượu ngô men lá", "Rượu táo mèo", "Rượu nếp cái hoa vàng", "Rượu sim", "Nước cốt chanh leo",
               "Nước uống đóng chai", "Trà túi lọc atiso", "Nước ép gấc", "Sữa đậu nành"],
    "herbs": ["Tinh dầu sả chanh", "Cao actiso", "Sâm Ngọc Linh", "Tam thất", "Đinh lăng", "Trà giảo cổ lam",
              "Nghệ tinh bột", "Xà phòng thảo dược", "Thuốc tắm người Dao", "Cao xương khớp"],
    "crafts": ["Thổ cẩm", "Khăn piêu", "Túi thổ cẩm", "Mây tre đan", "Gốm", "Chổi chít", "Nón lá", "Đồ gỗ mỹ nghệ",
               "Tranh đá quý", "Chiếu cói"],
    "plants": ["Lan hồ điệp", "Đào cảnh", "Quất cảnh", "Bonsai", "Cá cảnh"],
    "tourism": ["Điểm du lịch cộng đồng", "Homestay", "Du lịch sinh thái"],
}
SECTOR_KINDS = {
    "Thực phẩm": "food", "Đồ uống": "drinks", "Thảo dược": "herbs", "Dược liệu và sản phẩm từ dược liệu": "herbs",
    "Vải và may mặc": "crafts", "Lưu niệm – nội thất – trang trí": "crafts", "Hàng thủ công mỹ nghệ": "crafts",
    "Sinh vật cảnh": "plants",
}
# How often each sector's products reach a council (food first, as in every province's records).
KIND_WEIGHTS = {"food": 60, "drinks": 12, "herbs": 12, "crafts": 9, "plants": 3, "tourism": 4}
QUALIFIERS = ["", "", "", " hữu cơ", " đặc sản", " truyền thống", " loại 1", " cao cấp", " túi lọc", " hộp quà"]
VARIANTS = ["", " đặc biệt", " hảo hạng", " xuất khẩu", " gia truyền", " nguyên chất", " thượng hạng"]

PRODUCER_PREFIXES = {
    "enterprise": ["Công ty TNHH", "Công ty Cổ phần"],
    "cooperative": ["Hợp tác xã"],
    "cooperative_group": ["Tổ hợp tác"],
    "household": ["Hộ kinh doanh"],
}
LEGAL_TYPE_WEIGHTS = {"cooperative": 45, "enterprise": 25, "household": 20, "cooperative_group": 10}
PRODUCER_TRADES = ["Nông nghiệp", "Nông sản", "Dịch vụ nông nghiệp", "Chè", "Dược liệu", "Thực phẩm",
                   "Sản xuất và thương mại", "Nông lâm nghiệp", "Du lịch", "Thủ công"]
REPRESENTATIVE_TITLES = {"enterprise": "Giám đốc", "cooperative": "Giám đốc", "cooperative_group": "Tổ trưởng",
                         "household": "Chủ hộ"}

STREETS = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hùng Vương", "Quang Trung", "Lý Thường Kiệt", "Hai Bà Trưng",
           "Điện Biên Phủ", "Võ Nguyên Giáp", "Nguyễn Trãi"]
UNIT_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ")

COUNCIL_TITLES = {
    "province": ["Phó Chủ tịch UBND tỉnh", "Giám đốc Sở Nông nghiệp và Môi trường", "Giám đốc Sở Công Thương",
                 "Phó Giám đốc Sở Khoa học và Công nghệ", "Phó Giám đốc Sở Y tế",
                 "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Chánh Văn phòng Điều phối nông thôn mới tỉnh"],
    "district": ["Phó Chủ tịch UBND huyện", "Trưởng phòng Nông nghiệp và Phát triển nông thôn",
                 "Trưởng phòng Kinh tế - Hạ tầng", "Trưởng phòng Tài chính - Kế hoạch", "Trưởng phòng Y tế",
                 "Trưởng phòng Văn hóa và Thông tin", "Chuyên viên Văn phòng Điều phối nông thôn mới huyện"],
    "central": ["Thứ trưởng", "Chánh Văn phòng Điều phối nông thôn mới Trung ương", "Đại diện Bộ Công Thương",
                "Đại diện Bộ Khoa học và Công nghệ", "Đại diện Bộ Y tế", "Đại diện Bộ Văn hóa, Thể thao và Du lịch",
                "Chuyên viên Văn phòng Điều phối nông thôn mới Trung ương"],
}
SIGNER_TITLES = {"province": "KT. Chủ tịch – Phó Chủ tịch", "district": "KT. Chủ tịch – Phó Chủ tịch",
                 "central": "KT. Bộ trưởng – Thứ trưởng"}

KNOCKOUT_NOTE = "Không đáp ứng yêu cầu an toàn thực phẩm (bị loại)"
REVOCATION_REASONS = [
    "Vi phạm quy định về an toàn thực phẩm (kết quả hậu kiểm)",
    "Chủ thể ngừng sản xuất sản phẩm",
    "Sử dụng biểu trưng OCOP không đúng quy định",
    "Sản phẩm không còn đáp ứng tiêu chuẩn chất lượng đã công bố",
    "Chủ thể đề nghị thu hồi",
]


def person(rng) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def place(commune_name: str) -> str:
    """A commune as a place in a name: "Xã Bình Lư" → "Bình Lư"."""
    for prefix in UNIT_PREFIXES:
        if commune_name.startswith(prefix):
            return commune_name[len(prefix):]
    return commune_name


def weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def producer_name(rng, legal_type: str, commune_name: str, representative: str) -> str:
    prefix = rng.choice(PRODUCER_PREFIXES[legal_type])
    if legal_type == "household":
        return f"{prefix} {representative}"
    return f"{prefix} {rng.choice(PRODUCER_TRADES)} {place(commune_name)}"


def product_name(rng, kind: str, commune_name: str, taken: set) -> str:
    """A name unused by the producer (`taken`, updated): the kind, a qualifier, the place, a variant if needed."""
    base = f"{rng.choice(KINDS[kind])}{rng.choice(QUALIFIERS)} {place(commune_name)}"
    for variant in [*VARIANTS, *(f" {n}" for n in range(2, 100))]:
        name = base + variant
        if name not in taken:
            taken.add(name)
            return name
    raise ValueError(f"no free name for {base}")


def address(rng) -> str:
    if rng.random() < 0.6:
        return f"{rng.choice(['Thôn', 'Bản', 'Xóm', 'Ấp'])} {rng.randint(1, 15)}"
    return f"Số {rng.randint(1, 300)}, đường {rng.choice(STREETS)}"
