"""Settings for the test suite: the real settings, with a throwaway key and a fast password hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-test-media-"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-test-private-"))
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")

from ocop.settings import *  # noqa: F403

# SQLite tests run on a file, as the app does, not in memory: concurrency tests then meet the same locking
# (WAL, busy timeout) as a real install, rather than shared-cache table locks.
_default = DATABASES["default"]  # noqa: F405 — from the real settings
if _default["ENGINE"].endswith("sqlite3"):
    _default["TEST"] = {"NAME": os.path.join(tempfile.mkdtemp(prefix="ocop-test-db-"), "test.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
