"""What every request to /api/ goes through: CORS for read-only requests, a rate limit per client address, and
errors as JSON in the reader's language. A few lines here rather than django-cors-headers: the whole policy is
one wildcard on one read-only prefix, with nothing to configure."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.throttling import client_address

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
API_ROOT = "/api/v1/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
PREFLIGHT_SECONDS = 86_400


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _address(request) -> str:
    """The client's address: the one our proxy saw (BEHIND_PROXY=1), else the connection's."""
    return (client_address(request) if settings.OCOP_BEHIND_PROXY else request.META.get("REMOTE_ADDR")) or "?"


def retry_after(request) -> int | None:
    """None if the client may go on; else the seconds until its window of OCOP_API_RATE_WINDOW seconds ends, having
    made more than OCOP_API_RATE_LIMIT requests in it (0: no limit). Counted in the shared cache (Redis in
    production: every server counts together); a cache that fails lets the request through."""
    limit, window = settings.OCOP_API_RATE_LIMIT, settings.OCOP_API_RATE_WINDOW
    if limit <= 0:
        return None
    now = time.time()
    key = f"api-rate:{_address(request)}:{int(now // window)}"
    try:
        cache.add(key, 0, window + 1)
        count = cache.incr(key)
    except Exception:  # any backend's error: the limit protects the service, it must not take it down
        logger.warning("cache unreachable, API rate not counted", exc_info=True)
        return None
    if count <= limit:
        return None
    return max(1, int(window - now % window + 0.999))


class PublicApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        language = request.META.get("HTTP_ACCEPT_LANGUAGE", "").strip().lower()
        if language.startswith("en") and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate("en")  # an API client has no language cookie: it may ask in the header
            request.LANGUAGE_CODE = "en"
        head = request.method == "HEAD"
        if head:  # the API's operations are GETs: a HEAD is one whose body is not sent (headers as the GET's)
            request.method = "GET"
        response = self.respond(request)
        if head:
            request.method = "HEAD"
            response.content = b""
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "Retry-After"
        return response

    def respond(self, request):
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)  # a preflight: reading is allowed from anywhere, nothing else
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
            return response
        if request.path == API_ROOT:  # django-ninja's root, which has no page of its own: the docs
            return HttpResponseRedirect(f"{API_ROOT}docs")
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return error(400, _("The request contains a NUL character."))
        seconds = retry_after(request)
        if seconds is not None:
            response = error(429, _("Too many requests from your address. Please try again in %(seconds)d "
                                    "seconds.") % {"seconds": seconds})
            response["Retry-After"] = str(seconds)
            return response
        return self.get_response(request)


def error(status, detail):
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


