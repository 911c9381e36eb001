"""The address the app is reached at, for links that leave the page: certificates' QR codes, e-mailed links.

`OCOP_PUBLIC_URL`, when set, always wins (behind a proxy the request may name an internal host). Otherwise a request
uses the address it was served at (`PORT=8101 make run` prints :8101), and work without a request (the batch
printing worker, commands that send e-mail) uses the address recorded by the request that asked for it
(`serving_at`), else the development default.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

DEVELOPMENT_URL = "http://127.0.0.1:8000"

_served_at: ContextVar[str | None] = ContextVar("ocop_served_at", default=None)


def public_url() -> str:
    """The public address, without a trailing slash, e.g. "https://ocop.laichau.gov.vn"."""
    return (settings.OCOP_PUBLIC_URL or _served_at.get() or DEVELOPMENT_URL).rstrip("/")


@contextmanager
def serving_at(url):
    """Links built inside the block use `url` (unless OCOP_PUBLIC_URL is set); no-op for an empty url."""
    token = _served_at.set(url or _served_at.get())
    try:
        yield
    finally:
        _served_at.reset(token)


class PublicUrlMiddleware:
    """Links built while serving a request use the address the request was served at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with serving_at(request.build_absolute_uri("/")):
            return self.get_response(request)
