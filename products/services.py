"""Writes of the products app: a product's workflow status (the one function that assigns it), its
classification, the producer's dossier (documents, submission) and its review by staff."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from ocop.errors import DomainError
from products import enrolment
from products.enums import EDITABLE_BY_PRODUCER, PRODUCT_TRANSITIONS, ProductStatus
from products.models import DossierDocument, DossierEvent, Product


class DossierError(DomainError):
    """A refusal of the products app (a product's status, classification or dossier)."""


class ProductConflict(DossierError):
    """Someone else saved the product since the form was opened: `current` is what is saved now."""

    def __init__(self, message, current):
        super().__init__(message)
        self.current = current


def set_product_status(product, new_status, *, actor=None, reason=""):
    """The only assignment of Product.status: registered → dossier submitted → in a round → evaluated, and
    back where PRODUCT_TRANSITIONS allows it (a returned dossier, a cancelled round, a re-evaluation).
    Staying in the same status is allowed and changes nothing."""
    new_status = ProductStatus(new_status)
    current = ProductStatus(product.status)
    if new_status == current:
        return product
    if new_status not in PRODUCT_TRANSITIONS[current]:
        raise DossierError(_("“%(product)s” is “%(current)s”: it cannot become “%(new)s”.")
                           % {"product": product.name, "current": current.label, "new": new_status.label})
    product.status = new_status
    product._history_user = actor
    if reason:
        product._change_reason = reason
    product.save(update_fields=["status", "updated_at"])
    return product


@transaction.atomic
def save_product(product, *, expected_version, actor, reason=""):
    """Save a product's edited data (name, product set, description, photo) unless someone else saved it since
    the form was opened at `expected_version`: then nothing is saved and ProductConflict says who and when."""
    current = _locked(product)
    if current.version != expected_version:
        last = current.history.select_related("history_user").first()
        who = last.history_user if last else None
        raise ProductConflict(_("“%(product)s” was changed by %(user)s at %(time)s while you were editing it. "
                                "Nothing of yours was saved: compare both versions below, then save again.") % {
            "product": current.name,
            "user": (who.get_full_name() or who.username) if who else _("someone else"),
            "time": timezone.localtime(last.history_date).strftime("%H:%M %d/%m/%Y") if last else "—"}, current)
    product.version = current.version + 1
    product._history_user = actor
    if reason:
        product._change_reason = reason
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:  # a sibling renamed to the same name at the same moment
        raise DossierError(_("%(producer)s already has a product named “%(name)s”.")
                           % {"producer": current.producer.name, "name": product.name}) from None
    return product


@transaction.atomic
def reclassify_product(product, group, *, reason, actor):
    """Move a product to a product set of another (newer) classification, with the reason recorded in its
    history: a product classified under an older scheme enters a round under a newer one only after this."""
    reason = (reason or "").strip()
    if not reason:
        raise DossierError(_("A reclassification needs a reason."))
    _locked(product)
    if product.group_id == group.pk:
        return product
    product.group = group
    product._history_user, product._change_reason = actor, reason
    product.save(update_fields=["group", "updated_at"])
    return product


def may_edit(user, product) -> bool:
    """The one rule for changing a product's data and dossier: provincial staff (and administrators) any
    product in scope; its producer only while it is in registration; officials never."""
    if user.is_administrator or user.role == Role.STAFF:
        return True
    return user.role == Role.PRODUCER and product.status in EDITABLE_BY_PRODUCER


def edit_refusal(user, product) -> str:
    """Why `user` may not change `product` (may_edit said no), in words fit to show them."""
    if user.role == Role.PRODUCER:
        return _("This product is no longer a draft; contact the provincial OCOP staff to change it.")
    return _("You can read this product but not change it: products are changed by the provincial OCOP staff "
             "and, while in registration, by their producer.")


def _locked(product):
    """The product row, locked until the end of the transaction: two people acting on one dossier at once
    are served one after the other, each seeing the other's result."""
    return Product.objects.select_for_update().get(pk=product.pk)


def may_submit(user, product) -> bool:
    """Only the producer submits its own dossier, while the product is in registration."""
    return user.role == Role.PRODUCER and product.status in EDITABLE_BY_PRODUCER


@transaction.atomic
def add_document(product, upload, *, kind, content_type, actor):
    product = _locked(product)
    if not may_edit(actor, product):
        raise DossierError(_("The dossier was submitted; it can no longer be changed."))
    return DossierDocument.objects.create(product=product, kind=kind, file=upload, content_type=content_type,
                                          original_name=upload.name[:200], size=upload.size, uploaded_by=actor)


@transaction.atomic
def submit_dossier(product, *, actor):
    product = _locked(product)
    if product.status not in EDITABLE_BY_PRODUCER:
        raise DossierError(_("Only a product in registration can be submitted."))
    if not product.description.strip() or not product.documents.exists():
        raise DossierError(_("Add a description and at least one dossier document before submitting."))
    set_product_status(product, ProductStatus.SUBMITTED, actor=actor)
    return DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.SUBMITTED, actor=actor)


@transaction.atomic
def return_dossier(product, *, comment, actor):
    comment = (comment or "").strip()
    product = _locked(product)
    if product.status != ProductStatus.SUBMITTED:
        raise DossierError(_("Only a submitted dossier can be returned."))
    if not comment:
        raise DossierError(_("Say what the producer must complete."))
    set_product_status(product, ProductStatus.DRAFT, actor=actor, reason=comment)
    return DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.RETURNED, comment=comment,
                                       actor=actor)


@transaction.atomic
def accept_dossier(product, round_, *, actor):
    """Enrol a submitted dossier's product in an open round (through the evaluation app, see enrolment.py)."""
    product = _locked(product)
    if product.status != ProductStatus.SUBMITTED:
        raise DossierError(_("Only a submitted dossier can be accepted."))
    enrolled = enrolment.enrol(round_, product, actor=actor)
    DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.ACCEPTED, actor=actor,
                                comment=str(round_))
    return enrolled
