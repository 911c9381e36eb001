"""The OCOP cycle from a commune's idea to a recognised product, every step through the pages where a user does it:
the commune staff register the idea naming a producer not registered yet; the province's staff select it, create
the producer and register the product; the producer completes and submits its dossier; staff accept it into a
round, enter the council's scores and close the scoring; the official finalises the decision; the public registry
then lists the product with its stars (and not a day before)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from evaluation.enums import RoundState
from products.enums import ProductStatus
from products.models import Producer
from programme.enums import IdeaStatus
from programme.models import ProductIdea
from tests.evaluation.test_views import sheet_data
from tests.factories import UserFactory, blank_pdf, parts_for
from tests.programme import test_ideas
from tests.programme.test_ideas import group_in_force

commune_a, commune_user = test_ideas.commune_a, test_ideas.commune_user  # the fixtures of the pages' tests


def test_an_idea_from_a_commune_becomes_a_recognised_product_on_the_public_registry(
        client, login, commune_user, commune_a, staff_user, official_user, make_round):
    today = timezone.localdate()
    # 1. The commune staff register the idea (the producer is not registered yet).
    commune = login(commune_user)
    commune.post(reverse("programme:idea_new"), {
        "producer_name": "Tổ hợp tác chè Phìn Hồ", "product_name": "Chè Shan tuyết Phìn Hồ",
        "group": group_in_force().pk, "description": "Chè Shan tuyết cổ thụ, sao tay."})
    idea = ProductIdea.objects.get()
    assert (idea.status, idea.commune, idea.submitted_by) == (IdeaStatus.SUBMITTED, commune_a, commune_user)

    # 2. The province's staff select it, create its producer and register its product.
    staff = login(staff_user)
    staff.post(reverse("programme:idea_review", args=[idea.pk]), {"decision": "selected", "comment": "Chọn."})
    staff.post(reverse("programme:idea_producer", args=[idea.pk]), {
        "legal_type": "cooperative_group", "name": "Tổ hợp tác chè Phìn Hồ", "registration_code": "6299100001",
        "representative": "Lý Văn Phìn", "address": "Bản Phìn Hồ", "commune": commune_a.pk})
    producer = Producer.objects.get(registration_code="6299100001")
    staff.post(reverse("programme:idea_register", args=[idea.pk]), {
        "name": "Chè Shan tuyết Phìn Hồ", "group": group_in_force().pk,
        "description": "Chè Shan tuyết cổ thụ, sao tay."})
    idea.refresh_from_db()
    product = idea.product
    assert (idea.status, product.producer, product.status) == (IdeaStatus.REGISTERED, producer, ProductStatus.DRAFT)
    assert [s.status for s in idea.events.all()] == ["submitted", "selected", "registered"]
    assert client.get(reverse("products:detail", args=[product.pk])).status_code == 404  # not public yet

    # 3. The producer (its account opened by the province) completes and submits the dossier.
    producer_client = login(UserFactory(username="chuthephinho", role=Role.PRODUCER, producer=producer))
    producer_client.post(reverse("products:document_add", args=[product.pk]), {
        "kind": "registration", "file": SimpleUploadedFile("phieu-dang-ky.pdf", blank_pdf())})
    producer_client.post(reverse("products:submit", args=[product.pk]))
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED

    # 4. Staff accept it into a round, open the scoring, enter the council's scores, close the scoring.
    round_ = make_round(members=3, products=0, scoring=False, number=7, starts_on=today - datetime.timedelta(days=14))
    staff = login(staff_user)
    staff.post(reverse("products:accept", args=[product.pk]), {"round": round_.pk})
    staff.post(reverse("evaluation:round_state", args=[round_.pk]), {"state": "scoring"})
    round_.refresh_from_db()
    assert round_.state == RoundState.SCORING
    enrolment = round_.enrolments.get(product=product)
    points = [str(v).replace(".", ",") for v in parts_for(80, list(round_.criteria_set.parts.all()))]
    assert staff.post(reverse("evaluation:scores", args=[round_.pk]),
                      sheet_data(round_, {enrolment.pk: [points] * 3})).status_code == 302
    staff.post(reverse("evaluation:round_state", args=[round_.pk]), {"state": "scored"})
    enrolment.refresh_from_db()
    assert enrolment.stars == 4

    # 5. The official finalises the decision (preview, then confirm).
    official = login(official_user)
    decision = {"number": "1234/QĐ-UBND", "signed_on": today.strftime("%d/%m/%Y"), "signer_name": "Lê Văn Lương",
                "signer_title": "Chủ tịch"}
    url = reverse("evaluation:finalise", args=[round_.pk])
    preview = official.post(url, decision)
    official.post(url, dict(decision, token=preview.context["preview"].token, confirm="on"))
    round_.refresh_from_db()
    assert round_.state == RoundState.DECIDED

    # 6. The public registry lists it with its four stars; the idea itself stays out of public sight.
    client.logout()
    registry = client.get(reverse("products:registry"), {"q": "che shan tuyet phin ho"})
    assert [(p.pk, p.standing_stars) for p in registry.context["products"]] == [(product.pk, 4)]
    assert client.get(reverse("products:detail", args=[product.pk])).status_code == 200
    assert client.get(reverse("programme:idea", args=[idea.pk])).status_code == 302
    assert client.get(reverse("programme:commune_ideas", args=[commune_a.pk])).status_code == 302
