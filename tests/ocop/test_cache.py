"""ocop.cache.remember: computed once for every process, and never a reason for a page to fail."""

import os
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from ocop import cache as ocop_cache
from ocop.cache import remember
from ocop.env import caches_from_env


def test_remember_computes_once_then_reads_the_cache():
    calls = []

    def compute():
        calls.append(1)
        return {"recognised_count": 3}

    assert remember("figures", 60, compute) == remember("figures", 60, compute) == {"recognised_count": 3}
    assert len(calls) == 1 and cache.get("figures") == {"recognised_count": 3}


class Unreachable:
    def get(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    set = get


def test_an_unreachable_cache_costs_a_computation_not_a_page(monkeypatch, caplog):
    monkeypatch.setattr(ocop_cache, "cache", Unreachable())
    assert remember("figures", 60, lambda: 7) == 7
    assert "cache unreachable, computing figures" in caplog.text


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_redis_is_shared_by_every_process(monkeypatch):
    """Two cache clients (two servers) see one value; keys live under a prefix of their own and are deleted."""
    monkeypatch.setenv("CACHE_KEY_PREFIX", f"ocop-test-{uuid.uuid4().hex}")
    with override_settings(CACHES=caches_from_env()):
        server_a, server_b = caches.create_connection("default"), caches.create_connection("default")
        try:
            assert remember("figures", 60, lambda: {"recognised_count": 5}) == {"recognised_count": 5}
            assert server_a.get("figures") == server_b.get("figures") == {"recognised_count": 5}
            server_a.set("figures", {"recognised_count": 6}, 60)
            assert remember("figures", 60, lambda: pytest.fail("computed again")) == {"recognised_count": 6}
        finally:
            server_a.delete("figures")
            server_a.close()
            server_b.close()
