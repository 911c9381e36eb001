"""The shared cache (Redis when REDIS_URL is set, each process's memory otherwise), for what is costly to compute
and may be a little late: never the only copy of anything."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)
MISSING = object()


def remember(key: str, seconds: int, compute):
    """`compute()`'s value, kept `seconds` under `key` for every process. A cache that fails (Redis down) is
    logged and bypassed: the value is computed, the page served."""
    try:
        value = cache.get(key, MISSING)
    except Exception:  # any backend's error: the cache is an optimisation, never a reason to fail a page
        logger.warning("cache unreachable, computing %s", key, exc_info=True)
        return compute()
    if value is MISSING:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:  # as above
            logger.warning("cache unreachable, %s not kept", key, exc_info=True)
    return value
