"""Text helpers: diacritic-insensitive search keys for Vietnamese."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def search_key(text: str) -> str:
    """Lower-case, diacritics removed ("đ" becomes "d"), spaces collapsed: "Chè Shan tuyết" -> "che shan tuyet"."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.lower()).strip()
