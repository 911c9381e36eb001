"""Who may recognise which stars, by period and council level (OCOP-RULES.md, "Who evaluates")."""

import datetime

# (code, name, criteria set, valid from, valid until, {level: (min stars, max stars, forward from points)})
# (None, None, x): the level scores but does not recognise; "abolished": no council at that level.
PERIODS = [
    ("1048", "QĐ 1048/QĐ-TTg (2019 – 02/2023)", "1048", datetime.date(2019, 8, 21), datetime.date(2023, 2, 23), {
        "district": (None, None, 50),
        "province": (3, 4, 90),
        "central": (5, 5, None),
    }),
    ("148", "QĐ 148/QĐ-TTg (02/2023 – 07/2025)", "148", datetime.date(2023, 2, 24), datetime.date(2025, 7, 5), {
        "district": (3, 3, 70),
        "province": (4, 4, 90),
        "central": (5, 5, None),
    }),
    ("148+1489", "QĐ 148/QĐ-TTg và 1489/QĐ-TTg (từ 06/07/2025)", "148", datetime.date(2025, 7, 6), None, {
        "district": "abolished",
        "province": (3, 4, 90),
        "central": (5, 5, None),
    }),
]
