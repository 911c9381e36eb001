"""The public read-only JSON API, version 1 (django-ninja): /api/v1/products/, /producers/, /certificates/<number>/,
its OpenAPI description at /api/v1/openapi.json and browsable docs at /api/v1/docs. Anonymous, GET only; the
public sees what the web registry shows and nothing else (opendata.queries). Errors are JSON, in Vietnamese
unless the client asks for English (Accept-Language: en, opendata.middleware)."""

import math

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Path, Query
from ninja.decorators import decorate_view
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from certificates.queries import find_certificate
from ocop import page_cache
from ocop.page_cache import for_visitors
from ocop.pagination import IdFirstPaginator
from opendata import queries, schemas

# 400: a NUL byte in the request (ocop.middleware and opendata.middleware refuse it before any operation)
ERRORS = {400: schemas.Error, 404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


class Utf8Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Vietnamese as it is written, not \u escapes


class LocalSwagger(Swagger):
    """Swagger UI from this site's static files (no CDN), started by a static script (no inline script: our
    Content-Security-Policy refuses them). The one change to the policy on this page: images may also be data:
    URIs, which Swagger UI's stylesheet uses for its icons (images only; scripts stay 'self')."""

    template = "opendata/swagger.html"

    def render_page(self, request, api, **kwargs):
        response = super().render_page(request, api, **kwargs)
        policy = settings.SECURE_CSP
        response._csp_config = {**policy, "img-src": [*policy.get("img-src", [CSP.SELF]), "data:"]}
        return response


api = NinjaAPI(
    title="OCOP registry — open data API",
    version="1",
    description=(
        "Read-only public data of the OCOP registry (Mỗi xã một sản phẩm): the products recognised today with "
        "their standing (stars, valid until, certificate), their producers' public data, and certificate "
        "verification. Filters are those of the web registry /products/. No key; a limit of requests per "
        "minute per address (429 with Retry-After). Errors in Vietnamese; send `Accept-Language: en` for English."),
    urls_namespace="api-v1",
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Utf8Renderer(),
)


# Answers kept whole in the shared cache for anonymous readers, renewed when a certificate, product or producer
# changes, as the public pages are (ocop/page_cache.py).
for_readers = decorate_view(for_visitors)


def _page(request: HttpRequest, qs, paging: schemas.Paging, rows_of, kind: str, filters: dict) -> dict:
    """One page of `qs` (ids first, then the rows: a fixed number of queries whatever the page or the list's
    size). A page past the last is empty, with the list's count. The list's ids are kept for its other pages as
    the web registry keeps them (ocop/page_cache.py list_key)."""
    paginator = IdFirstPaginator(qs, paging.page_size, list_key=page_cache.list_key(f"api-{kind}", filters.items()),
                                 list_seconds=settings.OCOP_PUBLIC_PAGE_SECONDS)
    count = paginator.count
    pages = math.ceil(count / paging.page_size)
    rows = rows_of(paginator.page(paging.page).object_list) if paging.page <= pages else []

    def link(number):
        if not 1 <= number <= pages:
            return None
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {"count": count, "page": paging.page, "pages": pages, "page_size": paging.page_size,
            "next": link(paging.page + 1), "previous": link(min(paging.page - 1, pages)), "results": rows}


@for_readers
@api.get("/products/", response={200: schemas.ProductPage, **ERRORS}, tags=["products"],
         summary="Products of the public registry")
def products(request, filters: Query[schemas.ProductFilters], paging: Query[schemas.Paging]):
    """The products recognised today (standing=lapsed: those whose recognition expired or was revoked; all: both),
    filtered and ordered as on /products/: recognised first, then by stars, name and id."""
    asked = filters.dict()
    return _page(request, queries.registry_products(asked), paging, queries.product_rows, "products", asked)


@for_readers
@api.get("/products/{product_id}/", response={200: schemas.ProductDetail, **ERRORS}, tags=["products"],
         summary="One product, with its certificates")
def product(request, product_id: Path[schemas.Id]):
    """A product that is or was OCOP, as its page /products/<id>/ shows it. Never recognised: 404."""
    found = queries.public_product(product_id)
    if found is None:
        raise Http404
    row = queries.product_rows([found])[0]
    today = timezone.localdate()
    certificates = found.certificates.order_by("-in_force_from", "-pk")
    return {**row, "description": found.description, "producer": queries.producer_row(found.producer),
            "certificates": [queries.certificate_brief(c, today) for c in certificates]}


@for_readers
@api.get("/producers/", response={200: schemas.ProducerPage, **ERRORS}, tags=["producers"],
         summary="Producers with a public product")
def producers(request, filters: Query[schemas.ProducerFilters], paging: Query[schemas.Paging]):
    """Producers with a product recognised today (standing=lapsed or all: with an expired or revoked one), by
    name. Public data only: name, legal type, address, commune, province, and the phone shown on product pages."""
    asked = filters.dict()
    return _page(request, queries.public_producers(asked), paging,
                 lambda rows: [queries.producer_row(p) for p in rows], "producers", asked)


@for_readers
@api.get("/producers/{producer_id}/", response={200: schemas.ProducerDetail, **ERRORS}, tags=["producers"],
         summary="One producer, with its public products")
def producer(request, producer_id: Path[schemas.Id]):
    found = queries.public_producer(producer_id)
    if found is None:
        raise Http404
    products = queries.registry_products({"standing": "all"}).filter(producer=found)
    return {**queries.producer_row(found),
            "products": [{"id": p.pk, "name": p.name, "standing": p.standing, "stars": p.standing_stars}
                         for p in products.select_related(None)]}


@for_readers
@api.get("/certificates/{number}/", response={200: schemas.Verification, **ERRORS}, tags=["certificates"],
         summary="Verify a certificate")
def certificate(request, number: Path[str]):
    """What /verify/<number>/ shows: whether the certificate is valid today, expired, revoked (with the reason) or
    superseded (by which), and what it certifies. Letters, digits, -, . and _ only; any case."""
    found = find_certificate(number)
    if found is None:
        raise Http404
    return queries.verification_row(found, timezone.localdate())


# --- errors, as JSON in the reader's language ---------------------------------------------------------------

PROBLEMS = {
    "int_parsing": gettext_lazy("must be a whole number"),
    "int_type": gettext_lazy("must be a whole number"),
    "int_from_float": gettext_lazy("must be a whole number"),
    "greater_than_equal": gettext_lazy("is out of the accepted range"),
    "less_than_equal": gettext_lazy("is out of the accepted range"),
    "literal_error": gettext_lazy("is not one of the accepted values"),
    "enum": gettext_lazy("is not one of the accepted values"),
    "missing": gettext_lazy("is required"),
}


@api.exception_handler(ValidationError)
def invalid(request, error):
    problems = [{"parameter": str(e.get("loc", ["?"])[-1]),
                 "message": str(PROBLEMS.get(e.get("type"), _("is not a valid value")))} for e in error.errors]
    return api.create_response(request, {"detail": _("Some parameters of the request are not valid."),
                                          "errors": problems}, status=422)


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)
