"""Reads of the programme's plans, scoped by role: administrators see every province's plans; provincial staff,
officials and commune staff their province's; anyone else (producers, anonymous) none."""

from django.db.models import Count, QuerySet

from products.models import Product
from programme.models import Plan
from programme.rules import PLAN_READERS, is_writer, reads


def reads_programme(user) -> bool:
    """Whether the user's role may read the programme's plans at all (a producer's may not: 403); commune staff
    read their province's plans and change none."""
    return reads(user, PLAN_READERS)


def edits_plans(user) -> bool:
    """Provincial staff (and administrators) write plans, their targets and their picks."""
    return is_writer(user)


def plans_for_user(user) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("province")
    if not reads_programme(user):
        return qs.none()
    if user.is_administrator:
        return qs
    return qs.filter(province_id=user.province_id)


def plan_list(user) -> QuerySet[Plan]:
    """The plans a user may read, newest period first, with their number of targets."""
    return plans_for_user(user).annotate(target_count=Count("targets")).order_by(
        "province__short_name", "-starts_on", "number")


def pickable_products(plan) -> QuerySet[Product]:
    """The products a plan may pick: its province's, by name."""
    return (Product.objects.filter(producer__province_id=plan.province_id)
            .select_related("producer").order_by("name", "pk"))
