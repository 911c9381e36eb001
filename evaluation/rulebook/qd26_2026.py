"""Decision 26/2026/QĐ-TTg (in force from 22/05/2026): the OCOP criteria set and process that replace
148/QĐ-TTg and 1489/QĐ-TTg.

Source: the decision as public records describe it — provincial portals and legal news, and provinces
recognising under it (e.g. Lâm Đồng, QĐ 3981/QĐ-UBND of 05/08/2026, 9 products at 3★). The primary text was not
at hand; see OCOP-RULES.md, "QĐ 26/2026/QĐ-TTg as public records describe it".
"""

import datetime

CODE = "2026"
NAME = "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP theo Quyết định 26/2026/QĐ-TTg"
DECISION = "26/2026/QĐ-TTg"
ISSUED_ON = datetime.date(2026, 5, 22)
CLASSIFICATION = "2026"
SOURCE = ("QĐ 26/2026/QĐ-TTg, in force from 22/05/2026, as public records describe it (primary text not at "
          "hand): parts A 40 / B 25 / C 35 and the star bands as before (Điều 3.3); 26 product sets in 6 sectors "
          "(Phụ lục I/II).")

PARTS = [
    ("A", "Sản phẩm và sức mạnh cộng đồng", 40),
    ("B", "Khả năng tiếp thị", 25),
    ("C", "Chất lượng sản phẩm", 35),
]

# Điều 3.3: the same half-open bands as before.
STAR_THRESHOLDS = [(5, 90), (4, 70), (3, 50), (2, 30), (1, 0)]

# The detailed sheets of the 26 product sets are not confirmed from public records; councils score per part.
DETAILED_SHEETS = {}
ANSWER_OPTIONS = {}
