"""Writes of the products app: the producer's dossier (documents, submission) and its review by staff."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import Role
from evaluation.errors import EvaluationError
from products.enums import EDITABLE_BY_PRODUCER, ProductStatus
from products.models import DossierDocument, DossierEvent, Product


class DossierError(EvaluationError):
    pass


def may_edit(user, product) -> bool:
    """The one rule for changing a product's data and dossier: provincial staff (and administrators) any
    product in scope; its producer only while it is in registration; officials never."""
    if user.is_administrator or user.role == Role.STAFF:
        return True
    return user.role == Role.PRODUCER and product.status in EDITABLE_BY_PRODUCER


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
    product.status = ProductStatus.SUBMITTED
    product.save(update_fields=["status", "updated_at"])
    return DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.SUBMITTED, actor=actor)


@transaction.atomic
def return_dossier(product, *, comment, actor):
    comment = (comment or "").strip()
    product = _locked(product)
    if product.status != ProductStatus.SUBMITTED:
        raise DossierError(_("Only a submitted dossier can be returned."))
    if not comment:
        raise DossierError(_("Say what the producer must complete."))
    product.status = ProductStatus.DRAFT
    product.save(update_fields=["status", "updated_at"])
    return DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.RETURNED, comment=comment,
                                       actor=actor)


@transaction.atomic
def accept_dossier(product, round_, *, actor):
    from evaluation.services import enrol_product

    product = _locked(product)
    if product.status != ProductStatus.SUBMITTED:
        raise DossierError(_("Only a submitted dossier can be accepted."))
    enrolment = enrol_product(round_, product, actor=actor)
    DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.ACCEPTED, actor=actor,
                                comment=str(round_))
    return enrolment
