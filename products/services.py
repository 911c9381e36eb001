"""Writes of the products app: a product's workflow status (the one function that assigns it), its
classification, the producer's dossier (documents, submission) and its review by staff."""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from ocop.errors import DomainError
from ocop.text import search_key
from products import enrolment
from products.classification import scheme_on
from products.enums import EDITABLE_BY_PRODUCER, PRODUCT_TRANSITIONS, ProductStatus, Standing
from products.models import DossierDocument, DossierEvent, Producer, Product
from products.standing import annotate_standing


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
    digest = fingerprint(upload)
    same = product.documents.filter(sha256=digest).first()
    if same is not None:
        raise DossierError(_("This file is already in the dossier, as “%(name)s”.") % {"name": same.original_name})
    document = DossierDocument(product=product, kind=kind, file=upload, content_type=content_type,
                               original_name=upload.name[:200], size=upload.size, uploaded_by=actor, sha256=digest)
    document._history_user = actor
    document.save()
    return document


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
    reevaluation = has_open_reevaluation(product)
    if product.status != ProductStatus.SUBMITTED and not reevaluation:
        raise DossierError(_("Only a submitted dossier can be returned."))
    if not comment:
        raise DossierError(_("Say what the producer must complete."))
    if not reevaluation:  # a declined re-evaluation request leaves the evaluated product as it is
        set_product_status(product, ProductStatus.DRAFT, actor=actor, reason=comment)
    return DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.RETURNED, comment=comment,
                                       actor=actor)


@transaction.atomic
def accept_dossier(product, round_, *, actor):
    """Enrol a submitted dossier's product in an open round (through the evaluation app, see enrolment.py)."""
    product = _locked(product)
    if product.status != ProductStatus.SUBMITTED and not has_open_reevaluation(product):
        raise DossierError(_("Only a submitted dossier can be accepted."))
    enrolled = enrolment.enrol(round_, product, actor=actor)
    DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.ACCEPTED, actor=actor,
                                comment=str(round_))
    return enrolled


# --- the office's desk: producers and products created in the app ---

def producer_duplicates(*, registration_code, name, commune, exclude_pk=None):
    """The producers a new (or edited) one would repeat: (same registration code, same name in the same commune).
    Names are compared by their search key, so "HTX Chè  Tả Phìn" and "htx che ta phin" are one name."""
    others = Producer.objects.select_related("commune").exclude(pk=exclude_pk)
    same_code = list(others.filter(registration_code__iexact=(registration_code or "").strip())[:1])
    same_name = list(others.filter(search_name=search_key(name or ""), commune=commune)[:5]) if commune else []
    return same_code, same_name


@transaction.atomic
def save_producer(producer, *, actor, confirmed_duplicate=False, reason=""):
    """Create or edit a producer. A registration code already used is refused; the same name in the same
    commune is refused unless the user confirmed, having seen the existing one (two households of one
    village may share a name)."""
    same_code, same_name = producer_duplicates(registration_code=producer.registration_code, name=producer.name,
                                               commune=producer.commune, exclude_pk=producer.pk)
    if same_code:
        raise DuplicateProducer(_("The registration code %(code)s is already that of “%(name)s”.")
                                % {"code": producer.registration_code, "name": same_code[0].name}, same_code)
    if same_name and not confirmed_duplicate:
        raise DuplicateProducer(_("“%(name)s” is already registered in %(commune)s. Check that it is not the same "
                                  "producer; if it is another one, tick the confirmation and save again.")
                                % {"name": same_name[0].name, "commune": same_name[0].commune.name}, same_name,
                                confirmable=True)
    producer._history_user = actor
    if reason:
        producer._change_reason = reason
    try:
        with transaction.atomic():
            producer.save()
    except IntegrityError:  # the same code saved at the same moment by someone else
        raise DossierError(_("The registration code %(code)s is already used.")
                           % {"code": producer.registration_code}) from None
    return producer


class DuplicateProducer(DossierError):
    """A producer that seems to exist already: `existing` are the ones found; `confirmable` when the user may
    still create it after seeing them (same name), not when it may never be (same registration code)."""

    def __init__(self, message, existing, *, confirmable=False):
        super().__init__(message)
        self.existing, self.confirmable = existing, confirmable


def may_add_product(user, producer) -> bool:
    """Staff (and administrators) for any producer in scope; a producer for itself only; officials never."""
    if user.is_administrator or user.role == Role.STAFF:
        return True
    return user.role == Role.PRODUCER and user.producer_id == producer.pk


@transaction.atomic
def create_product(product, *, actor):
    """Register a new product (status "registered") under the classification in force, recorded in history."""
    if not may_add_product(actor, product.producer):
        raise DossierError(_("Your role does not allow this."))
    if product.group.scheme != scheme_on(timezone.localdate()):
        raise DossierError(_("Choose a product set of the classification in force."))
    product.status = ProductStatus.DRAFT
    product._history_user = actor
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise DossierError(_("%(producer)s already has a product named “%(name)s”.")
                           % {"producer": product.producer.name, "name": product.name}) from None
    return product


def fingerprint(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def may_remove_document(user, product) -> bool:
    """A document leaves the dossier only before it is submitted (after, it is what staff checked)."""
    return product.status in EDITABLE_BY_PRODUCER and user.role != Role.OFFICIAL and may_edit(user, product)


@transaction.atomic
def remove_document(product, document_pk, *, actor):
    product = _locked(product)
    if not may_remove_document(actor, product):
        raise DossierError(_("The dossier was submitted; it can no longer be changed."))
    document = product.documents.filter(pk=document_pk).first()
    if document is None:
        raise DossierError(_("This document is no longer in the dossier."))
    document._history_user = actor
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    return document


def has_open_reevaluation(product) -> bool:
    """A re-evaluation request is open until staff accept it into a round or decline it (the next step)."""
    last = product.dossier_events.order_by("-created_at", "-pk").values_list("kind", flat=True).first()
    return last == DossierEvent.Kind.REEVALUATION


REEVALUATION_WINDOW_DAYS = 183  # six months before the certificate's end


def reevaluation_refusal(product, *, today=None):
    """Why `product` may not ask for re-evaluation now ("" when it may): its recognition (the standing, as
    certificates/standing.py derives it) must end within six months or have expired, and no request may already
    be waiting."""
    today = today or timezone.localdate()
    standing, until = annotate_standing(Product.objects.filter(pk=product.pk), today).values_list(
        "standing", "standing_until").get()
    standing = Standing(standing)
    if standing == Standing.NONE:
        return _("This product has no certificate yet: submit its dossier instead.")
    if standing == Standing.REVOKED:
        return _("The certificate of this product was revoked: contact the provincial OCOP staff.")
    if standing == Standing.RECOGNISED and until > today + datetime.timedelta(days=REEVALUATION_WINDOW_DAYS):
        return _("Re-evaluation can be requested from six months before the certificate expires (%(day)s).") % {
            "day": (until - datetime.timedelta(days=REEVALUATION_WINDOW_DAYS)).strftime("%d/%m/%Y")}
    if product.status in (ProductStatus.SUBMITTED, ProductStatus.IN_EVALUATION):
        return _("This product is already on its way to an evaluation.")
    if has_open_reevaluation(product):
        return _("A re-evaluation was already requested; it waits for the provincial OCOP staff.")
    return ""


@transaction.atomic
def request_reevaluation(product, *, actor, comment=""):
    """The producer asks for its product to be evaluated again; the request waits in the staff's queue."""
    product = _locked(product)
    if actor.role != Role.PRODUCER or actor.producer_id != product.producer_id:
        raise DossierError(_("The producer asks for its own product's re-evaluation."))
    refusal = reevaluation_refusal(product)
    if refusal:
        raise DossierError(refusal)
    return DossierEvent.objects.create(product=product, kind=DossierEvent.Kind.REEVALUATION,
                                       comment=(comment or "").strip(), actor=actor)
