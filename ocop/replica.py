"""Public read-only pages may read from a PostgreSQL read replica (DATABASE_REPLICA_URL, alias "replica").

Only GET and HEAD requests for the pages in READ_ONLY_PAGES, and only their public data (the apps in
REPLICA_APPS: products, certificates, standing, places, the programme's points of sale), are read from the
replica; sessions, logins and everything else, and every write, go to the primary. A visitor who has just sent
something (any request but GET and HEAD) reads the primary for OCOP_REPLICA_PIN_SECONDS, so that the page after a
revocation shows it even if the replica lags. With no replica configured, everything uses the primary. (The mark
is a context variable set by the middleware: one request per thread, as gunicorn's sync and threaded workers
serve them.)"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"
READ_ONLY_PAGES = {"home", "products:registry", "products:detail", "certificates:verify",
                   "certificates:verify_search",
                   # the public API (opendata/api.py): the same data as the registry and verification
                   "api-v1:products", "api-v1:product", "api-v1:producers", "api-v1:producer", "api-v1:certificate",
                   # the public points of sale (their list and page; a product page lists where it is sold)
                   "programme:points_of_sale", "programme:point_of_sale"}
REPLICA_APPS = {"geo", "products", "evaluation", "certificates", "programme"}
PIN_COOKIE = "ocop_primary"
SAFE_METHODS = {"GET", "HEAD"}

_reading_replica = ContextVar("reading_replica", default=False)


def replica_configured() -> bool:
    return settings.OCOP_READ_REPLICA and REPLICA in settings.DATABASES


class ReadOnlyPagesRouter:
    """Reads of public data during a read-only page go to the replica; all else to the primary."""

    def db_for_read(self, model, **hints):
        if _reading_replica.get() and model._meta.app_label in REPLICA_APPS:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True  # the same data, read from either
        return None

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA  # a replica copies the primary's tables: it is never migrated itself


class ReadReplicaMiddleware:
    """Marks the request as read-only (for ReadOnlyPagesRouter) when it is a GET of a public read-only page;
    pins a visitor who has just written to the primary for a few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _reading_replica.set(False)
        try:
            response = self.get_response(request)
        finally:
            _reading_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(PIN_COOKIE, "1", max_age=settings.OCOP_REPLICA_PIN_SECONDS, httponly=True,
                                secure=settings.SESSION_COOKIE_SECURE, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (replica_configured() and request.method in SAFE_METHODS and PIN_COOKIE not in request.COOKIES
                and request.resolver_match.view_name in READ_ONLY_PAGES):
            _reading_replica.set(True)
