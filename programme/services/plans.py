"""Writes of plans: a plan with its targets, and the products it picks. Each is atomic; every change lands in the
records' history (django-simple-history, with the request's user)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.errors import DomainError
from products.models import Product
from programme.models import Plan, PlanProduct
from programme.rules import is_writer, writes_province


class PlanError(DomainError):
    pass


def _check_writer(actor, province_id):
    """The plan's province's staff, or an administrator; `actor` None: a command (the demo data)."""
    if actor is None:
        return
    if not is_writer(actor):
        raise PlanError(_("Your role does not allow this."))
    if not writes_province(actor, province_id):
        raise PlanError(_("Only the staff of its province change this plan."))


@transaction.atomic
def save_plan(plan: Plan, targets=(), removed=(), *, actor=None) -> Plan:
    """Saves the plan (new or changed), then its new or changed targets, and deletes the removed ones (by `actor`:
    the staff of the plan's province, before and after the change, or an administrator)."""
    if plan.pk is not None:
        _check_writer(actor, Plan.objects.values_list("province_id", flat=True).get(pk=plan.pk))
    _check_writer(actor, plan.province_id)
    if plan.ends_on < plan.starts_on:
        raise PlanError(_("The period must end on or after its first day."))
    if Plan.objects.filter(province_id=plan.province_id, number=plan.number).exclude(pk=plan.pk).exists():
        raise PlanError(_("This province already has a plan with this number."))
    plan.save()
    for target in removed:
        if target.pk and target.plan_id == plan.pk:
            target.delete()
    for target in targets:
        target.plan = plan
        target.save()
    return plan


@transaction.atomic
def set_plan_picks(plan: Plan, kind: str, products, *, actor=None) -> tuple[int, int]:
    """The plan picks exactly `products` as `kind` (advantaged or priority): products of the plan's province only
    (by `actor`: the staff of the plan's province, or an administrator). Returns (added, removed)."""
    _check_writer(actor, plan.province_id)
    wanted = {p.pk for p in products}
    outside = Product.objects.filter(pk__in=wanted).exclude(producer__province_id=plan.province_id)
    if outside.exists():
        raise PlanError(_("A plan picks only products of its own province."))
    current = {pick.product_id: pick for pick in PlanProduct.objects.filter(plan=plan, kind=kind)}
    removed = [pick for product_id, pick in current.items() if product_id not in wanted]
    for pick in removed:  # one by one: each deletion is in the history
        pick.delete()
    added = [PlanProduct.objects.create(plan=plan, product_id=pk, kind=kind) for pk in sorted(wanted - set(current))]
    return len(added), len(removed)
