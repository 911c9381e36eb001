"""Sections that the apps above add to the public product page (/products/<id>/, views.PublicProductView)
without the products app knowing them: each app registers, in its AppConfig.ready(), a template and a function
of the product giving that template's context (or None: nothing to show for that product). The page renders them
in the order registered, after the product's own facts.

The public product page is kept whole in the page cache (ocop.page_cache): an app that adds a section has the
models it reads watched there, so a change to them starts a new generation of cached pages."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable  # (product) -> dict | None


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict


_sections: dict[str, Section] = {}


def add_public_section(name: str, template: str, context: Callable) -> None:
    """Register (or replace, by name: ready() may run twice in tests) a section of the public product page."""
    _sections[name] = Section(name, template, context)


def public_sections(product) -> list[RenderedSection]:
    """The sections to show on a product's public page, each with its context."""
    rendered = []
    for section in _sections.values():
        context = section.context(product)
        if context is not None:
            rendered.append(RenderedSection(section.template, context))
    return rendered
