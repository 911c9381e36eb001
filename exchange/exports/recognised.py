"""The official list of a province's recognised products: one decision, or every decision of a year.

A row is a certificate: what was certified, as printed on it (product, producer and address, stars, decision,
issuer, signer, validity). The producer's registration code, legal type, representative and commune are read from
the producer; the status of each row (PTNT_OCOP's TrangThai) from certificates/standing.py. Two readings, whatever
the number of rows: the certificates with what they need, and the standing of their products.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.scoping import scoped
from certificates.enums import CertificateState
from certificates.models import Certificate
from certificates.standing import annotate_standing
from geo.models import Province
from ocop.errors import DomainError
from ocop.text import in_sentence, search_key
from products.enums import LegalType, Standing
from products.models import Product


class ExportError(DomainError):
    """A refusal of an export (an unknown province or decision, nothing to export)."""


# TrangThai, as the ministry's table writes it: the standing of the recognition.
IN_FORCE, LAPSED, REVOKED = "Còn hiệu lực", "Hết hiệu lực", "Thu hồi"
STATUS_OF_STANDING = {Standing.RECOGNISED: IN_FORCE, Standing.EXPIRED: LAPSED, Standing.REVOKED: REVOKED}


@dataclass(frozen=True)
class Row:
    position: int  # STT, from 1
    product_name: str
    producer_name: str
    producer_address: str
    stars: int
    decision_number: str
    decision_date: datetime.date
    expires_on: datetime.date
    registration_code: str  # "" in the public version
    legal_type: str  # its Vietnamese name
    representative: str  # "" in the public version
    commune_code: str  # 5 digits, as the official codes are written ("03199")
    commune_name: str
    province_name: str
    group_name: str  # ProductGroup.name, as printed on the certificate
    scheme: str  # the classification the group belongs to ("1048", "148", "2026")
    issuer: str  # the issuing authority in a sentence ("Ủy ban nhân dân tỉnh Lai Châu"), as the certificate has it
    signer_name: str
    signer_title: str
    certificate_number: str
    issued_on: datetime.date
    in_force_from: datetime.date
    product_id: int
    year: int
    status: str  # IN_FORCE, LAPSED or REVOKED, on `RecognisedList.day`


@dataclass(frozen=True)
class RecognisedList:
    province: Province
    year: int
    decision_number: str  # the decision asked for ("" for the whole year), as the certificates write it
    decision_date: datetime.date | None
    day: datetime.date  # the day the statuses are read on
    private: bool  # with the producers' registration codes and representatives
    rows: list

    @property
    def title(self) -> str:
        if self.decision_number:
            return (f"Danh sách sản phẩm OCOP được công nhận theo Quyết định số {self.decision_number} ngày "
                    f"{self.decision_date:%d/%m/%Y} — {self.province.short_name}")
        return f"Danh sách sản phẩm OCOP được công nhận năm {self.year} — {self.province.short_name}"

    @property
    def file_stem(self) -> str:
        """A file name without extension, ASCII only: san-pham-ocop-lai-chau-2020[-1168-qd-ubnd]."""
        parts = ["san-pham-ocop", search_key(self.province.short_name), str(self.year)]
        if self.decision_number:
            parts.append(search_key(self.decision_number))
        stem = "-".join(parts)
        return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in stem).strip("-")


def find_province(name: str) -> Province | None:
    """The province named, with or without diacritics, by its short or full name ("lai chau", "Tỉnh Lai Châu")."""
    key = search_key(name)
    if not key:
        return None
    return next((p for p in Province.objects.all() if key in (search_key(p.short_name), search_key(p.name))), None)


def may_see_private(user, province) -> bool:
    """The producers' registration codes and representatives (not shown on the public pages) go to the staff and
    officials of the province and to administrators: the scope rule of accounts.scoping."""
    if user is None:
        return False
    return scoped(Province.objects.filter(pk=province.pk), user, province="pk").exists()


# What a row reads: the certificate as printed, its producer, the classification of its round, its state today.
READ = ("pk", "number", "year", "product_id", "stars", "issued_on", "in_force_from", "expires_on", "product_name",
        "product_group", "producer_name", "producer_address", "issuing_body", "province_name", "decision_number",
        "decision_date", "signer_name", "signer_title", "state_on", "product__producer__registration_code",
        "product__producer__legal_type", "product__producer__representative", "product__producer__commune__code",
        "product__producer__commune__name", "decision__round__criteria_set__classification")


def listed_certificates(province, year, decision_number="") -> QuerySet[Certificate]:
    """The certificates on the list, in the decisions' order: a certificate replaced by a correction of its own
    decision gives way to its successor, and a recognition withdrawn by a correction is off the list."""
    qs = (Certificate.objects.filter(province=province, year=year)
          .exclude(superseded_by__decision_id=F("decision_id"))
          .exclude(recognition__withdrawn=True))
    if decision_number:
        qs = qs.filter(decision_number=_decision_number_as_written(qs, decision_number))
    return qs.order_by("decision_date", "decision_id", "position", "pk")


def _decision_number_as_written(qs, typed) -> str:
    """The decision number as the certificates write it, typed in any case, with or without diacritics
    ("1168/qd-ubnd" is "1168/QĐ-UBND"); the typed text when none matches. SQL's case-insensitive comparison
    ignores "Đ"/"đ" on SQLite, so the province's year of numbers (a handful) is compared here."""
    key = search_key(typed)
    numbers = qs.order_by().values_list("decision_number", flat=True).distinct()
    return next((n for n in numbers if search_key(n) == key), typed.strip())


def recognised_list(province, year, decision_number="", *, private=False, day=None) -> RecognisedList:
    """The list, or ExportError (in Vietnamese) when there is nothing to export."""
    day = day or timezone.localdate()
    decision_number = (decision_number or "").strip()
    certificates = list(listed_certificates(province, year, decision_number).with_state_on(day).values(*READ))
    if not certificates:
        where = in_sentence(province.name)
        if decision_number:
            raise ExportError(_("There is no decision number “%(number)s” recognising OCOP products of "
                                "%(province)s in %(year)s.") % {"number": decision_number, "province": where,
                                                                "year": year})
        raise ExportError(_("No OCOP product of %(province)s was recognised in %(year)s.") % {
            "province": where, "year": year})
    standing = {p["pk"]: p for p in annotate_standing(
        Product.objects.filter(pk__in={c["product_id"] for c in certificates}), day).values(
        "pk", "standing", "standing_certificate_id")}
    with translation.override("vi"):  # the legal types' names are data here, in Vietnamese whatever the page
        rows = [_row(i, c, standing[c["product_id"]], private) for i, c in enumerate(certificates, start=1)]
    first = certificates[0]
    return RecognisedList(province=province, year=year,
                          decision_number=first["decision_number"] if decision_number else "",
                          decision_date=first["decision_date"] if decision_number else None,
                          day=day, private=private, rows=rows)


def _status(certificate, standing) -> str:
    """The product's standing when this certificate is the one that governs it; a certificate a later one took
    over from (a renewal, a higher level's result) has lapsed, unless it was revoked."""
    if standing["standing_certificate_id"] == certificate["pk"]:
        return STATUS_OF_STANDING.get(Standing(standing["standing"]), LAPSED)
    return REVOKED if certificate["state_on"] == CertificateState.REVOKED else LAPSED


def _row(position, c, standing, private) -> Row:
    return Row(
        position=position, product_name=c["product_name"], producer_name=c["producer_name"],
        producer_address=c["producer_address"], stars=c["stars"], decision_number=c["decision_number"],
        decision_date=c["decision_date"], expires_on=c["expires_on"],
        registration_code=c["product__producer__registration_code"] if private else "",
        legal_type=str(LegalType(c["product__producer__legal_type"]).label),
        representative=c["product__producer__representative"] if private else "",
        commune_code=f"{c['product__producer__commune__code']:05d}", commune_name=c["product__producer__commune__name"],
        province_name=c["province_name"], group_name=c["product_group"],
        scheme=c["decision__round__criteria_set__classification"], issuer=c["issuing_body"],
        signer_name=c["signer_name"], signer_title=c["signer_title"], certificate_number=c["number"],
        issued_on=c["issued_on"], in_force_from=c["in_force_from"], product_id=c["product_id"], year=c["year"],
        status=_status(c, standing),
    )
