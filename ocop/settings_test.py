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

# A "replica" that is the test database itself (Django's test mirror), for the tests of ocop/replica.py; the
# middleware routes nothing to it unless a test turns OCOP_READ_REPLICA on.
DATABASES["replica"] = {**_default, "TEST": {**_default.get("TEST", {}), "MIRROR": "default"}}  # noqa: F405
OCOP_READ_REPLICA = False
# Each process's memory, whatever REDIS_URL says: tests must not share cached values through Redis
# (tests/ocop/test_cache.py tests Redis itself when REDIS_URL is set).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ocop-tests"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Public pages are not kept whole in tests: a test's writes are rolled back rather than committed, so they would
# not start a new generation of cached pages. tests/ocop/test_page_cache.py turns it on and commits.
OCOP_PUBLIC_PAGE_SECONDS = 0
# The API's rate limit is off in the tests (the hostile-input sweep sends thousands of requests from one address);
# tests/opendata/test_middleware.py turns it on.
OCOP_API_RATE_LIMIT = 0
