"""`{% work_count as n %}`: the number of things waiting for the logged-in staff member, official or commune staff
(base.html)."""

from django import template

from portal.queues import work_count as count_for

register = template.Library()


@register.simple_tag(takes_context=True)
def work_count(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return 0
    if not hasattr(request, "_work_count"):  # once per request, however many times the page asks
        request._work_count = count_for(user)
    return request._work_count
