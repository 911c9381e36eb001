import unicodedata

import pytest

from ocop.text import search_key


@pytest.mark.parametrize(
    "text, key",
    [
        ("Chè Shan tuyết", "che shan tuyet"),
        ("ĐỒNG PHƯƠNG  Mỹ nhân", "dong phuong my nhan"),
        ("Mật ong Pa Ủ", "mat ong pa u"),
        ("Gạo Séng Cù", "gao seng cu"),
        ("", ""),
    ],
)
def test_search_key_removes_diacritics_case_and_extra_spaces(text, key):
    assert search_key(text) == key


def test_search_key_handles_decomposed_input():
    assert search_key(unicodedata.normalize("NFD", "Chè")) == "che"

