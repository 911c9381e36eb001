"""How the products app reads a product's OCOP standing without depending on the app that derives it.

The standing is derived from certificates (certificates/standing.py), an app above this one. It registers its
annotation here when it loads (certificates.apps); the products app's selectors, filters and admin call
`annotate_standing` and never see a certificate.
"""

_annotate = None
_recognised = None


def provide(annotate, recognised) -> None:
    """Called once by the certificates app: `annotate(queryset, day)` annotates every product with its standing;
    `recognised(queryset, day)` gives only the products recognised that day, annotated the same way, faster."""
    global _annotate, _recognised
    _annotate, _recognised = annotate, recognised


def annotate_standing(products, day=None):
    if _annotate is None:
        raise RuntimeError("the certificates app is not installed: no product standing can be derived")
    return _annotate(products, day)


def recognised_on(products, day=None):
    if _recognised is None:
        raise RuntimeError("the certificates app is not installed: no product standing can be derived")
    return _recognised(products, day)
