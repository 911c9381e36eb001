"""Decisions, recognitions and certificates of the planned rounds, as finalise_decision and the certificates app
make them: a decision per decided round signed by the authority of its level (evaluation.authorities), one
recognition per recognised product, one certificate each, numbered per province and year in the order of
issue (certificates.numbering), valid 36 months, taking over from the product's certificate in force that day;
then a few certificates revoked, with a reason."""

import datetime

from certificates.enums import VALIDITY_MONTHS, CertificateState
from certificates.models import Certificate
from certificates.numbering import format_number, valid_until
from evaluation.authorities import MINISTRY_MERGED_ON, authority_for
from evaluation.enums import CouncilLevel, Outcome
from evaluation.models import Decision, Recognition
from ocop.seeding import names
from ocop.seeding.plan import REVOKED
from ocop.seeding.reference import ANCHOR, at


class Certifier:
    def __init__(self, planner, *, first_decision_id, first_recognition_id, first_certificate_id):
        self.planner, self.rng = planner, planner.rng
        self.decisions, self.recognitions, self.certificates = [], [], []
        self.ids = {"decision": first_decision_id, "recognition": first_recognition_id,
                    "certificate": first_certificate_id}
        self.issued_rows = []  # each certificate as issued, for its first history row
        self.ended = []  # (certificate, moment) of each supersession or revocation

    def _next(self, kind):
        self.ids[kind] += 1
        return self.ids[kind] - 1

    def run(self):
        planner = self.planner
        decided = sorted((r for r in planner.rounds if r.signed_on), key=lambda r: (r.signed_on, r.order))
        numbers, sequences = {}, {}
        for round_ in decided:
            signed_on = round_.signed_on
            issuer = authority_for(round_.obj, signed_on)
            key = (issuer.in_a_sentence, signed_on.year)
            numbers[key] = numbers.get(key, self.rng.randint(120, 900)) + self.rng.randint(1, 25)
            if round_.level == CouncilLevel.CENTRAL:
                suffix = "QĐ-BNNMT" if signed_on >= MINISTRY_MERGED_ON else "QĐ-BNN-VPĐP"
            else:
                suffix = "QĐ-UBND"
            decision = Decision(
                id=self._next("decision"), round=round_.obj, province=round_.province,
                number=f"{numbers[key]}/{suffix}", authority=issuer.in_a_sentence, authority_header=issuer.header,
                place=issuer.place, signed_on=signed_on, year=signed_on.year, signer_name=round_.members[0][0],
                signer_title=names.SIGNER_TITLES[round_.level], finalised_at=at(signed_on, 16),
                finalised_by=planner.officials[round_.province.pk] if round_.province else planner.admin)
            round_.decision = decision
            self.decisions.append(decision)
            for enrolment in round_.enrolments:
                if enrolment.result.outcome == Outcome.RECOGNISED:
                    self._recognise(decision, enrolment, sequences)
        self._revoke()

    def _recognise(self, decision, enrolment, sequences):
        result, product = enrolment.result, enrolment.product
        recognition = Recognition(id=self._next("recognition"), decision=decision, enrolment_id=enrolment.id,
                                  product=product, stars=result.stars, points=result.points,
                                  potential_five=result.potential_five, withdrawn=False, position=enrolment.position)
        self.recognitions.append(recognition)
        producer = product.producer
        province = decision.province or producer.province  # a central decision numbers in the product's province
        key = (province.pk, decision.year)
        sequences[key] = sequences.get(key, 0) + 1
        day = decision.signed_on
        certificate = Certificate(
            id=self._next("certificate"),
            number=format_number(self.planner.ref.patterns[province.pk], province=province.code, year=decision.year,
                                 seq=sequences[key]),
            province=province, year=decision.year, sequence=sequences[key], recognition=recognition,
            decision=decision, product=product, stars=recognition.stars, issued_on=day, in_force_from=day,
            expires_on=valid_until(day, VALIDITY_MONTHS), state=CertificateState.VALID, revoked_reason="",
            revoked_by=None, revoked_at=None, superseded_by=None, ended_on=None, position=recognition.position,
            product_name=product.name, product_group=product.group.name, producer_name=producer.name,
            producer_address=producer.address_on(day), issuer=decision.authority_header,
            issuing_body=decision.authority, place=decision.place, province_name=province.name,
            decision_number=decision.number, decision_date=day, signer_name=decision.signer_name,
            signer_title=decision.signer_title, created_at=at(day, 16, 30))
        self.issued_rows.append(_values(certificate))
        for older in product._certificates:
            if older.in_force_from <= day and older.state_on(day) == CertificateState.VALID:  # in force that day
                older.state, older.superseded_by, older.ended_on = CertificateState.SUPERSEDED, certificate, day
                self.ended.append((older, at(day, 16, 30)))
        product._certificates.append(certificate)
        self.certificates.append(certificate)

    def _revoke(self):
        """A few certificates still in force revoked on a day of their life, with a reason (at least one)."""
        rng = self.rng
        eligible = []
        for product in self.planner.products:
            if product._certificates and product._certificates[-1].ended_on is None:
                last = product._certificates[-1]
                if (min(last.expires_on, ANCHOR) - last.in_force_from).days > 60:
                    eligible.append(last)
        for certificate in sorted(rng.sample(eligible, min(len(eligible), max(1, round(REVOKED * len(eligible))))),
                                  key=lambda c: c.id):
            last_day = min(certificate.expires_on, ANCHOR - datetime.timedelta(days=1))
            on = certificate.in_force_from + datetime.timedelta(
                days=rng.randint(60, (last_day - certificate.in_force_from).days))
            certificate.state, certificate.ended_on = CertificateState.REVOKED, on
            certificate.revoked_reason = rng.choice(names.REVOCATION_REASONS)
            certificate.revoked_by = self.planner.officials[certificate.province.pk]
            certificate.revoked_at = at(on, 10)
            self.ended.append((certificate, at(on, 10)))


def _values(certificate) -> dict:
    return {f.attname: getattr(certificate, f.attname) for f in Certificate._meta.concrete_fields}
