"""An uploaded file kept between the preview and the confirmation: in the private storage, under its SHA-256."""

import re

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.text import get_valid_filename

from exchange.importing.reading import sha256_of

SHA256 = re.compile(r"[0-9a-f]{64}")
FOLDER = "imports"


def _storage():
    return storages["private"]


def keep(data: bytes, file_name: str) -> str:
    """Store the upload (once per content) and return its SHA-256."""
    digest = sha256_of(data)
    name = get_valid_filename(file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:120] or "tep"
    storage = _storage()
    path = f"{FOLDER}/{digest}/{name}"
    if not storage.exists(path):
        storage.save(path, ContentFile(data))
    return digest


def kept(digest: str) -> tuple[bytes, str] | None:
    """(content, file name) of a kept upload, or None."""
    if not SHA256.fullmatch(digest or ""):
        return None
    storage = _storage()
    try:
        _dirs, files = storage.listdir(f"{FOLDER}/{digest}")
    except (FileNotFoundError, NotADirectoryError):
        return None
    for name in sorted(files):
        with storage.open(f"{FOLDER}/{digest}/{name}") as fh:
            data = fh.read()
        if sha256_of(data) == digest:
            return data, name
    return None
