"""Public pages kept whole in the shared cache for visitors who are not logged in.

Most requests of a national registry are the same few public pages asked by anonymous visitors: the registry's
first pages, the products people share, the certificates whose QR code is scanned. Each is kept, as rendered,
under the address it was asked at (host, path and query), its language, the day and a *generation*. Saving or
deleting any model that a public page shows starts a new generation after the transaction commits (`watch`), so a
certificate issued, revoked or corrected, or a product renamed, is on the public pages on the next request; and
nothing is kept longer than OCOP_PUBLIC_PAGE_SECONDS, which bounds what a bulk write that sends no signal can leave
behind. The day in the key makes a certificate lapse at midnight on the pages as it does in the data.

Never cached: a logged-in user's page (it carries their name and menu), a request or response with a cookie
(a flash message, a CSRF token, a session being made), anything but a 200 answer to GET or HEAD.

A base helper: it imports no app (the watched models are named by label in OcopConfig.ready()).
"""

import hashlib
import logging
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
GENERATION_KEY = "public-pages:generation"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control")


def generation() -> int:
    """The current generation (0 when the cache is unreachable: nothing is read from it then either)."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            # a cache that was emptied (Redis restarted) starts above any generation it may still hold pages of
            value = int(timezone.now().timestamp() * 1000)
            cache.add(GENERATION_KEY, value, None)
            value = cache.get(GENERATION_KEY, value)
    except Exception:  # the cache is an optimisation, never a reason to fail a page
        logger.warning("cache unreachable, no generation of public pages", exc_info=True)
        return 0
    return value


def start_new_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next page read starts one
        pass
    except Exception:  # the cache is unreachable: pages are not served from it either
        logger.warning("cache unreachable, public pages' generation not advanced", exc_info=True)


def _changed(sender, **kwargs):
    transaction.on_commit(start_new_generation, robust=True)


def _relation_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _changed(sender)


def watch(*model_labels: str) -> None:
    """Start a new generation whenever one of these models is saved or deleted ("app_label.Model"), or, for the
    model of a many-to-many relation ("app_label.Model_field", e.g. a point of sale's products), whenever rows are
    added to it or removed from it (which sends no save or delete)."""
    for label in model_labels:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"page-cache-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"page-cache-delete-{label}")
        if model._meta.auto_created:
            m2m_changed.connect(_relation_changed, sender=model, dispatch_uid=f"page-cache-m2m-{label}")


def list_key(kind: str, asked) -> str:
    """The cache key of a public list's ids (ocop.pagination.IdFirstPaginator's list_key): the list's `kind`, the
    search `asked` (pairs of parameter and value, in any order), the day and the generation, so that a change
    to what public pages show, or a new day, reads the list afresh."""
    search = hashlib.sha256(repr(sorted(asked)).encode()).hexdigest()
    return f"public-list:{kind}:{generation()}:{timezone.localdate().isoformat()}:{search}"


def _key(request) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return (f"public-page:{generation()}:{timezone.localdate().isoformat()}:{translation.get_language()}:"
            f"{request.method}:{address}")


def _cacheable_request(request) -> bool:
    harmless = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}  # a page renders neither
    return (request.method in ("GET", "HEAD") and not request.COOKIES.keys() - harmless
            and not request.user.is_authenticated)


def for_visitors(view):
    """Decorate a view function (or a class-based view's dispatch with method_decorator)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.OCOP_PUBLIC_PAGE_SECONDS
        if not seconds or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        try:
            key = _key(request)
            kept = cache.get(key)
        except Exception:  # the cache is an optimisation, never a reason to fail a page
            logger.warning("cache unreachable, rendering %s", request.path, exc_info=True)
            return view(request, *args, **kwargs)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            try:
                cache.set(key, (response.content, headers), seconds)
            except Exception:  # as above
                logger.warning("cache unreachable, %s not kept", request.path, exc_info=True)
        return response

    return wrapped
