"""The app's production settings plus one reference page (bench/urls.py), for bench/pages.py only."""

from ocop.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405 — from ocop.settings
OCOP_API_RATE_LIMIT = 0  # wrk sends thousands of requests a second from one address
