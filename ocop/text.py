"""Text helpers: diacritic-insensitive search keys for Vietnamese."""

import re
import unicodedata
from decimal import Decimal

from django.utils import formats

_SPACES = re.compile(r"\s+")


def search_key(text: str) -> str:
    """Lower-case, diacritics removed ("đ" becomes "d"), spaces collapsed: "Chè Shan tuyết" -> "che shan tuyet"."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.lower()).strip()


def points_text(value) -> str:
    """A score as people write it, in the active language: 35, 7,5 (vi) or 7.5 (en)."""
    if value is None:
        return "—"
    text = format(Decimal(value).normalize(), "f")
    return formats.number_format(Decimal(text), use_l10n=True)


def in_sentence(name: str) -> str:
    """An administrative name as written inside a sentence: "Tỉnh Lai Châu" → "tỉnh Lai Châu"."""
    return name[:1].lower() + name[1:] if name else name
