"""Decision 1048/QĐ-TTg (2019): parts A 35 / B 25 / C 40, stars from the council's mean total."""

import datetime

CODE = "1048"
NAME = "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 1048/QĐ-TTg"
DECISION = "1048/QĐ-TTg"
ISSUED_ON = datetime.date(2019, 8, 21)
CLASSIFICATION = "1048"
SOURCE = ("QĐ 1048/QĐ-TTg of 21/08/2019 (Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP), amended by QĐ 781/QĐ-TTg "
          "of 08/06/2020 (minimum requirements); the tea sheet from a 1048-era system's data (ocop-domain.md §1.4).")

PARTS = [
    ("A", "Sản phẩm và sức mạnh cộng đồng", 35),
    ("B", "Khả năng tiếp thị", 25),
    ("C", "Chất lượng sản phẩm", 40),
]

# Half-open intervals on the mean: [90, 100] 5★, [70, 90) 4★, [50, 70) 3★, [30, 50) 2★, [0, 30) 1★.
STAR_THRESHOLDS = [(5, 90), (4, 70), (3, 50), (2, 30), (1, 0)]

# Detailed sheets: product group → [(part, section number, section name, code, criterion, max, knock-out)].
# The tea sheet ("Chè tươi, chế biến") as in ocop-domain.md §1.4 (from a real 1048-era system). Its knock-outs
# (answered 0 points: "bị loại"): 1.1 all raw material imported or of unknown origin; 6.1.3 unacceptable
# foreign matter (soil, insects, hair); 9 a food-safety certificate that does not fit.
DETAILED_SHEETS = {
    "Chè tươi, chế biến": [
        ("A", 1, "Tổ chức sản xuất", "1.1", "Nguồn nguyên liệu", 3, True),
        ("A", 1, "Tổ chức sản xuất", "1.2", "Gia tăng giá trị", 3, False),
        ("A", 1, "Tổ chức sản xuất", "1.3", "Năng lực sản xuất", 4, False),
        ("A", 1, "Tổ chức sản xuất", "1.4", "Liên kết chuỗi", 2, False),
        ("A", 1, "Tổ chức sản xuất", "1.5", "Bảo vệ môi trường", 5, False),
        ("A", 1, "Tổ chức sản xuất", "1.6", "Sử dụng năng lượng, công nghệ thân thiện", 1, False),
        ("A", 2, "Phát triển sản phẩm", "2.1", "Nguồn gốc ý tưởng sản phẩm", 3, False),
        ("A", 2, "Phát triển sản phẩm", "2.2", "Tính hoàn thiện của bao bì", 3, False),
        ("A", 2, "Phát triển sản phẩm", "2.3", "Phong cách bao bì", 2, False),
        ("A", 3, "Sức mạnh cộng đồng", "3.1", "Loại hình tổ chức sản xuất – kinh doanh", 3, False),
        ("A", 3, "Sức mạnh cộng đồng", "3.2", "Mức độ tham gia quản lý của cộng đồng", 2, False),
        ("A", 3, "Sức mạnh cộng đồng", "3.3", "Sử dụng lao động địa phương", 1, False),
        ("A", 3, "Sức mạnh cộng đồng", "3.4", "Tăng trưởng sản xuất – kinh doanh", 1, False),
        ("A", 3, "Sức mạnh cộng đồng", "3.5", "Kế toán", 2, False),
        ("B", 4, "Tiếp thị", "4.1", "Khu vực phân phối chính", 5, False),
        ("B", 4, "Tiếp thị", "4.2", "Tổ chức phân phối", 5, False),
        ("B", 4, "Tiếp thị", "4.3", "Quảng bá sản phẩm", 5, False),
        ("B", 5, "Câu chuyện sản phẩm", "5.1", "Câu chuyện về sản phẩm", 5, False),
        ("B", 5, "Câu chuyện sản phẩm", "5.2", "Trí tuệ, bản sắc địa phương", 3, False),
        ("B", 5, "Câu chuyện sản phẩm", "5.3", "Cấu trúc câu chuyện", 2, False),
        ("C", 6, "Chỉ tiêu cảm quan", "6.1.1", "Ngoại hình: màu sắc", 2, False),
        ("C", 6, "Chỉ tiêu cảm quan", "6.1.2", "Ngoại hình: độ đồng đều", 2, False),
        ("C", 6, "Chỉ tiêu cảm quan", "6.1.3", "Ngoại hình: tạp chất", 2, True),
        ("C", 6, "Chỉ tiêu cảm quan", "6.2.1", "Màu nước", 3, False),
        ("C", 6, "Chỉ tiêu cảm quan", "6.2.2", "Mùi", 6, False),
        ("C", 6, "Chỉ tiêu cảm quan", "6.2.3", "Vị", 5, False),
        ("C", 7, "Tính độc đáo", "7", "Tính độc đáo", 5, False),
        ("C", 8, "Công bố chất lượng, kiểm tra định kỳ", "8.1", "Công bố tiêu chuẩn chất lượng", 3, False),
        ("C", 8, "Công bố chất lượng, kiểm tra định kỳ", "8.2", "Kiểm tra định kỳ chất lượng", 2, False),
        ("C", 9, "Đảm bảo chất lượng", "9", "Chứng nhận đủ điều kiện ATTP, quản lý chất lượng", 5, True),
        ("C", 10, "Cơ hội thị trường toàn cầu", "10", "Cơ hội thị trường toàn cầu", 5, False),
    ],
}

# Knock-out criteria are failed by this answer.
KNOCKOUT_POINTS = 0

# Criteria whose answers are fixed options: only these points (or the knock-out answer) are accepted.
# 1.1 Nguồn nguyên liệu: < 50 % of the raw material from the province = 1; 50–75 % = 2; 75–100 % = 3.
ANSWER_OPTIONS = {
    "Chè tươi, chế biến": {"1.1": "1,2,3"},
}
