"""Paginated lists show the nearest page when the page asked for does not exist."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from ocop.cache import remember


class NearestPageMixin:
    """For a ListView (or django-filter's FilterView): `?page=99` of a 3-page list shows page 3, and a page that
    is not a number shows page 1, instead of a bare 404. A shared or bookmarked link goes stale as the list
    shrinks (certificates expire, filters change); the visitor still lands in the list, with its filters and
    its page links."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans(),
                                       allow_empty_first_page=self.get_allow_empty())
        asked = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            number = int(asked)
        except (TypeError, ValueError):
            number = 1
        page = paginator.page(min(max(number, 1), paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()



class IdFirstPaginator(Paginator):
    """A long list paginated by id first: the page's ids are read in the list's order without the joins that
    only the shown rows need (producer, place, product set), then those rows alone are read whole. At national
    scale the database sorts 10,000 narrow rows instead of joining every product to five tables before sorting.

    With `count_key`, the count is kept `count_seconds` in the shared cache under that key: every page of one list
    has the same count, and at national scale counting is a scan as long as finding the page's ids."""

    def __init__(self, *args, count_key=None, count_seconds=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key, self.count_seconds = count_key, count_seconds

    @cached_property
    def count(self):
        def counted():
            return Paginator.count.func(self)

        if not (self.count_key and self.count_seconds):
            return counted()
        return remember(self.count_key, self.count_seconds, counted)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.select_related(None).values_list("pk", flat=True)[bottom:top])
        rows = self.object_list.in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids], number, self)
