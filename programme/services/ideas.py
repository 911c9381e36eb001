"""Writes of product ideas (cycle steps 1–3): a commune's staff or a producer register an idea, the province's
staff select, return or reject it, and a selected idea becomes a registered product. `set_idea_status` is the one
assignment of ProductIdea.status, and it writes the idea's step (IdeaEvent) with who, when and a comment."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from ocop.errors import DomainError
from products.classification import scheme_on
from products.services import create_product
from programme.enums import IdeaStatus
from programme.models import IdeaEvent, ProductIdea
from programme.rules import is_writer, writes_province


class IdeaError(DomainError):
    """A refusal about a product idea."""


# Where an idea may go from each status. A returned idea comes back when its author resubmits it; a selected
# idea ends as a registered product (or is set aside after all); "rejected" and "registered" are final.
IDEA_TRANSITIONS = {
    IdeaStatus.SUBMITTED: {IdeaStatus.RETURNED, IdeaStatus.SELECTED, IdeaStatus.REJECTED},
    IdeaStatus.RETURNED: {IdeaStatus.SUBMITTED, IdeaStatus.REJECTED},
    IdeaStatus.SELECTED: {IdeaStatus.REGISTERED, IdeaStatus.REJECTED},
    IdeaStatus.REJECTED: set(),
    IdeaStatus.REGISTERED: set(),
}
COMMENT_REQUIRED = {IdeaStatus.RETURNED, IdeaStatus.REJECTED}


def set_idea_status(idea, new_status, *, actor=None, comment=""):
    """The only assignment of ProductIdea.status. A new idea (not saved yet) is saved as submitted; a saved one
    moves as IDEA_TRANSITIONS allows. Each call records the step (IdeaEvent) and the idea's history."""
    new_status = IdeaStatus(new_status)
    comment = (comment or "").strip()
    if new_status in COMMENT_REQUIRED and not comment:
        raise IdeaError(_("Give the reason in a comment."))
    if idea.pk is None:
        if new_status != IdeaStatus.SUBMITTED:
            raise IdeaError(_("A new idea is first submitted."))
    else:
        current = IdeaStatus(ProductIdea.objects.values_list("status", flat=True).get(pk=idea.pk))
        if new_status not in IDEA_TRANSITIONS[current]:
            raise IdeaError(_("“%(idea)s” is “%(current)s”: it cannot become “%(new)s”.")
                            % {"idea": idea.product_name, "current": current.label, "new": new_status.label})
    idea.status = new_status
    idea._history_user = actor
    if comment:
        idea._change_reason = comment[:100]
    idea.save()
    IdeaEvent.objects.create(idea=idea, status=new_status, comment=comment, actor=actor)
    return idea


# --- who may do what ---

def is_reviewer(user, idea=None) -> bool:
    """The province's staff (and administrators) review ideas and register their products: with `idea`, the staff
    of that idea's province only."""
    return is_writer(user) if idea is None else writes_province(user, idea.province_id)


def _check_reviewer(user, idea):
    if not is_writer(user):
        raise IdeaError(_("Your role does not allow this."))
    if not writes_province(user, idea.province_id):
        raise IdeaError(_("Only the staff of the idea's province decide on it."))


def may_propose(user) -> bool:
    """Commune staff (for their commune) and producers (for themselves) register ideas."""
    return user.is_authenticated and user.is_active and user.role in (Role.COMMUNE, Role.PRODUCER)


def may_edit(user, idea) -> bool:
    """While returned: the staff of its commune, or its producer."""
    if idea.status != IdeaStatus.RETURNED or not user.is_authenticated:
        return False
    if user.role == Role.COMMUNE:
        return user.commune_id == idea.commune_id
    return user.role == Role.PRODUCER and user.producer_id is not None and user.producer_id == idea.producer_id


def _check_idea(idea, user):
    """The idea's commune, producer and product set, as its author may give them."""
    if idea.group.scheme != scheme_on(timezone.localdate()):
        raise IdeaError(_("Choose a product set of the classification in force."))
    if user.role == Role.COMMUNE:
        if idea.commune_id != user.commune_id:
            raise IdeaError(_("Commune staff register ideas of their own commune only."))
        if idea.producer_id and idea.producer.commune_id != idea.commune_id:
            raise IdeaError(_("Choose a producer of the commune, or name one not registered yet."))
    elif user.role == Role.PRODUCER:
        if idea.producer_id != user.producer_id:
            raise IdeaError(_("A producer registers ideas for itself only."))
        idea.commune_id = idea.producer.commune_id
    else:
        raise IdeaError(_("Your role does not allow this."))
    if idea.producer_id:
        idea.producer_name = ""
    elif not idea.producer_name.strip():
        raise IdeaError(_("Choose the producer, or name it if it is not registered yet."))


@transaction.atomic
def propose_idea(idea, *, actor):
    """Register a new idea (status "submitted") by commune staff for their commune or by a producer."""
    if not may_propose(actor):
        raise IdeaError(_("Your role does not allow this."))
    _check_idea(idea, actor)
    idea.submitted_by = actor
    return set_idea_status(idea, IdeaStatus.SUBMITTED, actor=actor)


@transaction.atomic
def resubmit_idea(idea, *, actor, comment=""):
    """Save a returned idea as its author completed it, and submit it again."""
    if not may_edit(actor, idea):
        raise IdeaError(_("Only a returned idea is completed, by the commune or producer who registered it."))
    _check_idea(idea, actor)
    return set_idea_status(idea, IdeaStatus.SUBMITTED, actor=actor, comment=comment)


REVIEW_STEPS = (IdeaStatus.SELECTED, IdeaStatus.RETURNED, IdeaStatus.REJECTED)


@transaction.atomic
def review_idea(idea, decision, *, actor, comment=""):
    """The province's staff select an idea, return it for completion or reject it (a comment says why)."""
    decision = IdeaStatus(decision)
    _check_reviewer(actor, idea)
    if decision not in REVIEW_STEPS:
        raise IdeaError(_("Your role does not allow this."))
    return set_idea_status(idea, decision, actor=actor, comment=comment)


@transaction.atomic
def link_idea_producer(idea, producer, *, actor):
    """Give a selected idea whose producer was only named the producer now registered (by staff)."""
    _check_reviewer(actor, idea)
    if idea.status != IdeaStatus.SELECTED or idea.producer_id:
        raise IdeaError(_("Only a selected idea whose producer is not registered yet takes a producer."))
    if producer.province_id != idea.province_id:
        raise IdeaError(_("The producer must be of the idea's province."))
    idea.producer = producer
    idea._history_user = actor
    idea.save(update_fields=["producer", "producer_name", "search_name", "updated_at"])
    return idea


@transaction.atomic
def register_idea_product(idea, product, *, actor, producer=None):
    """A selected idea becomes a registered product of its producer (`producer`, the registered one chosen by
    staff, when the idea only named it): the product is created (status "registered", its history saying it came
    from the idea), the idea links to it and becomes "registered". All or nothing."""
    _check_reviewer(actor, idea)
    idea = ProductIdea.objects.select_for_update().select_related("commune").get(pk=idea.pk)
    if producer is not None and not idea.producer_id:
        link_idea_producer(idea, producer, actor=actor)
    if idea.status != IdeaStatus.SELECTED:
        raise IdeaError(_("Only a selected idea becomes a product."))
    if not idea.producer_id:
        raise IdeaError(_("Register the idea's producer first."))
    product.producer_id = idea.producer_id
    product._change_reason = (_("Registered from product idea no. %(number)s (%(commune)s)")
                              % {"number": idea.pk, "commune": idea.commune.name})[:100]
    create_product(product, actor=actor)
    idea.product = product
    set_idea_status(idea, IdeaStatus.REGISTERED, actor=actor,
                    comment=_("Registered as the product “%(name)s”.") % {"name": product.name})
    return product
