"""Text helpers: diacritic-insensitive search keys for Vietnamese."""

import re
import unicodedata
from decimal import Decimal

from django.utils import formats

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}", re.ASCII)


def whole_number(text) -> int | None:
    """A positive whole number typed in a URL or form ("12"), else None. Only ASCII digits, at most 18 of them:
    str.isdigit() would accept "²" and "٣", which int() then refuses, and 20 digits overflow a database integer."""
    text = text.strip() if isinstance(text, str) else ""
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def search_key(text: str) -> str:
    """Lower-case, diacritics removed ("đ" becomes "d"), spaces collapsed: "Chè Shan tuyết" -> "che shan tuyet"."""
    text = unicodedata.normalize("NFD", _CONTROL.sub(" ", text or "")).replace("đ", "d").replace("Đ", "D")
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
