"""Decision 148/QĐ-TTg (2023): parts A 40 / B 25 / C 35, the same star thresholds as 1048."""

import datetime

CODE = "148"
NAME = "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 148/QĐ-TTg"
DECISION = "148/QĐ-TTg"
ISSUED_ON = datetime.date(2023, 2, 24)
CLASSIFICATION = "148"
SOURCE = ("QĐ 148/QĐ-TTg of 24/02/2023 (Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP); "
          "replaces 1048 and 781.")

PARTS = [
    ("A", "Sản phẩm và sức mạnh cộng đồng", 40),
    ("B", "Khả năng tiếp thị", 25),
    ("C", "Chất lượng sản phẩm", 35),
]

STAR_THRESHOLDS = [(5, 90), (4, 70), (3, 50), (2, 30), (1, 0)]

# The detailed sheets of 148 (Phụ lục III) are not yet confirmed; councils score per part.
DETAILED_SHEETS = {}
ANSWER_OPTIONS = {}
