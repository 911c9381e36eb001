"""The sample revocation of the demo (fixtures/lai_chau_2026_sample.json, "revocation"): one certificate of the
sample 2026 decision revoked with its reason, through the real service. Safe to run twice."""

import datetime
import json

from django.db import transaction

from certificates.enums import CertificateState
from certificates.models import Certificate
from certificates.services import revoke_certificate
from evaluation.demo import SAMPLE_FILE


@transaction.atomic
def revoke_sample_certificate(*, official=None, path=SAMPLE_FILE):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    revocation = data["revocation"]
    certificate = Certificate.objects.get(
        product__producer__registration_code=revocation["producer"], product__name=revocation["product"],
        decision__number=data["decision"]["number"])
    if certificate.state != CertificateState.REVOKED:
        certificate = revoke_certificate(certificate, reason=revocation["reason"], actor=official,
                                         on=datetime.date.fromisoformat(revocation["on"]))
    return certificate
