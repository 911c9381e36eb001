"""Who may recognise which stars, by period and council level (OCOP-RULES.md, "Who evaluates").

Each period: (code, name, criteria set, valid from, valid until, {level: rule}, source), a level's rule being
(min stars, max stars, forward from points), optionally with "screening" (results without a decision or
certificate); (None, None, x): the level scores and forwards but does not recognise; "abolished": no council.
"""

import datetime

from django.utils.translation import pgettext_lazy

PERIODS = [
    ("1048", "QĐ 1048/QĐ-TTg (2019 – 02/2023)", "1048", datetime.date(2019, 8, 21), datetime.date(2023, 2, 23), {
        "district": (None, None, 50),
        "province": (3, 4, 90),
        "central": (5, 5, None),
    }, ("QĐ 1048/QĐ-TTg (21/08/2019): the district council scores and forwards from 50 points; the province "
        "recognises 3★ and 4★ and forwards from 90; the central level recognises 5★.")),
    ("148", "QĐ 148/QĐ-TTg (02/2023 – 07/2025)", "148", datetime.date(2023, 2, 24), datetime.date(2025, 7, 5), {
        "district": (3, 3, 70),
        "province": (4, 4, 90),
        "central": (5, 5, None),
    }, ("QĐ 148/QĐ-TTg (24/02/2023): the district recognises 3★ and forwards from 70 points; the province "
        "recognises 4★ and forwards from 90; the central level recognises 5★.")),
    ("148+1489", "QĐ 148/QĐ-TTg và 1489/QĐ-TTg (06/07/2025 – 21/05/2026)", "148", datetime.date(2025, 7, 6),
     datetime.date(2026, 5, 21), {
         "district": "abolished",
         "province": (3, 4, 90),
         "central": (5, 5, None),
     }, ("QĐ 1489/QĐ-TTg (06/07/2025), two-tier local government: no district level; the commune pre-checks "
         "the dossier; the province recognises 3★ and 4★ and forwards from 90; the Ministry recognises 5★.")),
    ("26/2026", "QĐ 26/2026/QĐ-TTg (từ 22/05/2026)", "2026", datetime.date(2026, 5, 22), None, {
        "commune": (1, 2, 50, "screening"),
        "district": "abolished",
        "province": (3, 4, 90),
        "central": (5, 5, None),
    }, ("QĐ 26/2026/QĐ-TTg (from 22/05/2026), as public records describe it: 1★ and 2★ are the commune's "
        "screening results only, without decision or certificate; the province recognises 3★ and 4★; 5★ is "
        "recognised centrally (Điều 4.1, 4.3).")),
]

# The periods' names in the page's language, through the catalogue: the stored names above are the legal
# Vietnamese ones; these English renderings are msgids whose Vietnamese translation is the stored name
# (tests/evaluation/test_rulebook.py checks both ways). A name not listed is shown as stored.
NAMES = {
    "QĐ 1048/QĐ-TTg (2019 – 02/2023)": pgettext_lazy("rule period", "Decision 1048/QĐ-TTg (2019 – 02/2023)"),
    "QĐ 148/QĐ-TTg (02/2023 – 07/2025)": pgettext_lazy("rule period", "Decision 148/QĐ-TTg (02/2023 – 07/2025)"),
    "QĐ 148/QĐ-TTg và 1489/QĐ-TTg (06/07/2025 – 21/05/2026)": pgettext_lazy(
        "rule period", "Decisions 148/QĐ-TTg and 1489/QĐ-TTg (06/07/2025 – 21/05/2026)"),
    "QĐ 26/2026/QĐ-TTg (từ 22/05/2026)": pgettext_lazy("rule period", "Decision 26/2026/QĐ-TTg (from 22/05/2026)"),
}


def display_name(stored: str) -> str:
    name = NAMES.get(stored)
    return str(name) if name is not None else stored
