"""Hostile input, every form and query parameter, every role: no 5xx, no saved data changed by a refused
request, every error message in Vietnamese (and a score cell takes plain decimals only).

One realistic scenario is built once for the module (rounds in every state, certificates in force and expired,
a submitted dossier, a print job); every request runs inside a savepoint that is rolled back, so each sees the
scenario as built. Forms and parameters are found the way a user finds them, by reading the pages as each
role, and completed from the views' own form and filter classes; ENDPOINTS says, per URL pattern, which objects
to open and what a valid submission is. A URL pattern missing from it fails test_every_url_pattern_is_fuzzed.

Two kinds of test: a sweep that sends each hostile value of the parameter's kind to each parameter in turn
(the others valid, so the request reaches the services; OCOP_FUZZ_DEEP=1 sends every hostile value to every
parameter), and Hypothesis drawing random requests as each role (derandomized, so a run is reproducible;
OCOP_FUZZ_EXAMPLES sets the number per role). Each test fails listing every distinct failure (one group per
defect, with the first request that showed it), not only the first; with OCOP_FUZZ_COLLECT=1 they are appended
to OCOP_FUZZ_REPORT (JSON lines, /tmp/ocop-fuzz-findings.jsonl by default) and the tests pass, to list what is
left to fix. The budget: about a minute on either database."""

import dataclasses
import datetime
import io
import os
import re
import uuid
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from accounts import services as account_services
from accounts.roles import Role
from certificates import services as certificate_services
from certificates.services import start_print_job
from evaluation import services
from evaluation.enums import CouncilLevel, MemberRole, RoundState
from evaluation.models import EvaluationRound
from exchange import storage as exchange_storage
from exchange.importing.registry import COLUMNS as REGISTRY_COLUMNS
from products import services as product_services
from products.classification import scheme_on
from products.enums import ProductStatus
from programme import models as programme_models
from programme.enums import AttendeeRole, EventKind, IdeaStatus
from programme.models import PointOfSale, ProductIdea
from programme.services import ideas as idea_services
from programme.services import outlets
from programme.services import training as training_services
from tests.factories import (
    CommuneFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    UserFactory,
    part_values,
    parts_for,
    recognise,
    tea_group,
)
from tests.fuzzing import (
    BY_KIND,
    EVERY_KIND,
    HOSTILE,
    HOSTILE_FILES,
    HOSTILE_INTS,
    HOSTILE_SEGMENTS,
    PDF,
    REPEATED,
    Finding,
    Findings,
    Page,
    Probe,
    Runner,
    Snapshot,
    english_in,
    finish,
    hostile_values,
    url_name,
)

pytestmark = pytest.mark.django_db  # every test runs in a savepoint inside the module's scenario

ROLES = ["anonymous", "producer", "other_producer", "staff", "other_staff", "official", "admin", "commune"]
ADMIN_ROLES = ["staff", "official", "admin"]  # the back office's users (others are sent to its login)
EXAMPLES = int(os.environ.get("OCOP_FUZZ_EXAMPLES", "100"))  # random requests per role
DEEP = os.environ.get("OCOP_FUZZ_DEEP") == "1"  # the sweep sends every hostile value to every parameter
TODAY = timezone.localdate()


# --- the scenario -----------------------------------------------------------------------------------------

def _round(province, starts_on, staff, *, members=3, products=(), level=CouncilLevel.PROVINCE, commune=None,
           number=None):
    number = number or (province.rounds.filter(year=starts_on.year, level=level).count() + 1)
    round_ = services.create_round(province=province, number=number, starts_on=starts_on, actor=staff, level=level,
                                   commune=commune)
    roles = [MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.SECRETARY]
    for i in range(members):
        services.add_member(round_, name=f"Thành viên {i + 1}", role=roles[i % 3], position=i, actor=staff)
    for product in products:
        services.enrol_product(round_, product, actor=staff)
    return round_


def _score(enrolment, points, staff):
    enrolment.refresh_from_db()
    parts = list(enrolment.round.criteria_set.parts.all())
    rows = [parts_for(points, parts)] * enrolment.round.members.count()
    services.record_scores(enrolment, part_values(enrolment, rows), actor=staff, expected_version=enrolment.version)


def _product(producer, name, **kwargs):
    return ProductFactory(producer=producer, name=name, group=tea_group("2026"), status=ProductStatus.DRAFT,
                          description=kwargs.pop("description", "Chè búp tươi, sao tay."), **kwargs)


def _idea(author, name, *, producer=None, producer_name=""):
    idea = ProductIdea(commune=author.commune, producer=producer, producer_name=producer_name, product_name=name,
                       group=tea_group(scheme_on(TODAY)), description="Ý tưởng mẫu.")
    return idea_services.propose_idea(idea, actor=author)


def build_world():
    w = dataclasses.make_dataclass("World", [])()
    w.lai_chau = ProvinceFactory(code=12, name="Tỉnh Lai Châu", short_name="Lai Châu")
    w.dien_bien = ProvinceFactory(code=11, name="Tỉnh Điện Biên", short_name="Điện Biên")
    w.producer = ProducerFactory(name="Hợp tác xã Chè Mẫu", commune=CommuneFactory(province=w.lai_chau))
    w.other_producer = ProducerFactory(name="Hợp tác xã Khác", commune=CommuneFactory(province=w.lai_chau))
    w.users = {
        "producer": UserFactory(username="chuthe", role=Role.PRODUCER, producer=w.producer,
                                email="chuthe@example.com"),
        "other_producer": UserFactory(username="chuthekhac", role=Role.PRODUCER, producer=w.other_producer),
        "staff": UserFactory(username="canbo", role=Role.STAFF, province=w.lai_chau, email="canbo@example.com"),
        "other_staff": UserFactory(username="canbodienbien", role=Role.STAFF, province=w.dien_bien),
        "official": UserFactory(username="lanhdao", role=Role.OFFICIAL, province=w.lai_chau),
        "admin": UserFactory(username="quantri", role=Role.ADMIN, is_superuser=True),
        "commune": UserFactory(username="canboxa", role=Role.COMMUNE, commune=w.producer.commune),
    }
    staff, official = w.users["staff"], w.users["official"]

    # A product in force (4★, certificate valid today) and one whose 2020 certificate has expired.
    w.product = _product(w.producer, "Chè Shan tuyết Mẫu")
    w.decision = recognise(w.product, stars=4, signed_on=TODAY - datetime.timedelta(days=30))
    w.decided_round = w.decision.round
    w.certificate = w.product.certificates.get()
    w.old_product = ProductFactory(producer=w.other_producer, name="Mật ong Mẫu", group=tea_group("1048"))
    w.old_decision = recognise(w.old_product, stars=3, signed_on=datetime.date(2020, 9, 30))
    w.old_round = w.old_decision.round
    w.old_certificate = w.old_product.certificates.get()
    # Another province's certificate, for the staff of Điện Biên (and to be out of Lai Châu's reach).
    w.far_product = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=w.dien_bien)),
                                   name="Gạo Điện Biên", group=tea_group("2026"))
    recognise(w.far_product, stars=3, signed_on=TODAY - datetime.timedelta(days=40))
    w.far_round = w.far_product.enrolments.get().round

    # The producer's dossiers: a draft with a document (editable, submittable), and a submitted one.
    w.draft = _product(w.producer, "Chè xanh Mẫu")
    w.document = product_services.add_document(w.draft, SimpleUploadedFile("phieu.pdf", PDF), kind="registration",
                                               content_type="application/pdf", actor=w.users["producer"])
    w.submitted = _product(w.producer, "Trà hoa vàng Mẫu")
    product_services.add_document(w.submitted, SimpleUploadedFile("ho-so.pdf", PDF), kind="registration",
                                  content_type="application/pdf", actor=w.users["producer"])
    product_services.submit_dossier(w.submitted, actor=w.users["producer"])
    w.spare = _product(w.producer, "Chè vàng Mẫu")  # not yet enrolled anywhere: offered for enrolment

    # Rounds in every state (besides the decided ones above).
    meets = TODAY - datetime.timedelta(days=20)
    w.draft_round = _round(w.lai_chau, meets, staff, members=1)
    scoring = [_product(w.other_producer, f"Sản phẩm chấm {i}") for i in (1, 2)]
    w.scoring_round = _round(w.lai_chau, meets, staff, products=scoring)
    services.set_round_state(w.scoring_round, RoundState.SCORING, actor=staff)
    EvaluationRound.objects.filter(pk=w.scoring_round.pk).update(members_score_online=True)  # members score online
    _score(w.scoring_round.enrolments.first(), 70, staff)
    scored = [_product(w.other_producer, f"Sản phẩm đã chấm {i}") for i in (1, 2)]
    w.scored_round = _round(w.lai_chau, meets, staff, products=scored)
    services.set_round_state(w.scored_round, RoundState.SCORING, actor=staff)
    for enrolment, points in zip(w.scored_round.enrolments.all(), (82, 64), strict=True):
        _score(enrolment, points, staff)
    services.set_round_state(w.scored_round, RoundState.SCORED, actor=staff)
    w.cancelled_round = _round(w.lai_chau, meets, staff, members=0)
    services.set_round_state(w.cancelled_round, RoundState.CANCELLED, actor=staff, reason="Trùng lịch")
    commune = w.producer.commune
    screened = _product(w.producer, "Chè sàng lọc")
    w.screening_round = _round(w.lai_chau, meets, staff, products=[screened], level=CouncilLevel.COMMUNE,
                               commune=commune)
    services.set_round_state(w.screening_round, RoundState.SCORING, actor=staff)
    _score(w.screening_round.enrolments.get(), 45, staff)
    services.set_round_state(w.screening_round, RoundState.SCORED, actor=staff)
    w.rounds = [w.draft_round, w.scoring_round, w.scored_round, w.decided_round, w.old_round, w.cancelled_round,
                w.screening_round]
    for round_ in w.rounds:
        round_.refresh_from_db()

    # A finished print job, and an invitation waiting for its password.
    with TestCase.captureOnCommitCallbacks(execute=True):
        w.job = start_print_job(actor=official, province=w.lai_chau, decision=w.old_decision)
    w.job.refresh_from_db()
    w.invited = account_services.invite_producer_user(w.producer, username="moimoi", email="moi@example.com",
                                                      full_name="Lò Thị Mới", actor=staff)
    w.uid = urlsafe_base64_encode(force_bytes(w.invited.pk))
    w.token = default_token_generator.make_token(w.invited)

    # An OCOP plan of each province, with a target and a pick (programme/views/plans.py).
    period = {"signed_on": datetime.date(2020, 1, 2), "starts_on": datetime.date(2020, 1, 1),
              "ends_on": datetime.date(2020, 12, 31)}
    w.plan = programme_models.Plan.objects.create(province=w.lai_chau, number="1/KH-UBND",
                                                  title="Kế hoạch OCOP 2020", **period)
    programme_models.Target.objects.create(plan=w.plan, label="Chuẩn hóa 5 sản phẩm", measure="recognised",
                                           goal=5, unit="sản phẩm")
    programme_models.PlanProduct.objects.create(plan=w.plan, product=w.old_product, kind="advantaged")
    w.far_plan = programme_models.Plan.objects.create(province=w.dien_bien, number="2/KH-UBND",
                                                      title="Kế hoạch Điện Biên", **period)

    # Product ideas of the producer's commune: submitted, returned, selected (its producer only named); and one of
    # Điện Biên, out of Lai Châu's reach.
    w.idea = _idea(w.users["commune"], "Chè Shan tuyết túi lọc", producer=w.producer)
    w.returned_idea = _idea(w.users["commune"], "Măng đắng sấy", producer_name="Hộ Lò Văn Tâm")
    idea_services.review_idea(w.returned_idea, IdeaStatus.RETURNED, actor=staff, comment="Bổ sung sản lượng.")
    w.selected_idea = _idea(w.users["commune"], "Rượu ngô men lá", producer_name="Tổ hợp tác rượu ngô Nà Đon")
    idea_services.review_idea(w.selected_idea, IdeaStatus.SELECTED, actor=staff)
    w.far_idea = _idea(UserFactory(username="canboxadb", role=Role.COMMUNE, commune=w.far_product.producer.commune),
                       "Gạo Điện Biên mới", producer=w.far_product.producer)
    _points_of_sale(w)

    # Values already taken, to collide with (names, numbers, logins), and ids out of Lai Châu's reach.
    w.taken = {
        "text": ["Chè Shan tuyết Mẫu", "Chè xanh Mẫu", "chè xanh mẫu", "Hợp tác xã Chè Mẫu", "canbo", "CHUTHE",
                 "moimoi", "chuthe@example.com", w.decision.number, w.old_decision.number,
                 w.certificate.number.lower()],
        "choice": [str(w.far_product.pk), str(w.far_round.pk), str(w.dien_bien.pk), str(w.old_product.pk),
                   str(w.far_point.commune_id)],
        "number": ["1", str(TODAY.year)],
        "date": [_day(TODAY)],
        "file": [],
    }
    w.taken_all = [v for values in w.taken.values() for v in values]
    return w


def _points_of_sale(w):
    """An OCOP point of sale of Lai Châu carrying a product in force and an expired one, checked once; and one of
    Điện Biên (out of Lai Châu's reach)."""
    staff = w.users["staff"]
    w.point = outlets.save_point(PointOfSale(commune=w.producer.commune, name="Điểm bán OCOP Mẫu", address="Bản Mẫu",
                                             operator="Hợp tác xã Chè Mẫu"),
                                 products=[w.product, w.old_product], actor=staff)
    outlets.record_check(w.point, checked_on=TODAY, met={"location_access"}, actor=staff)
    w.far_point = outlets.save_point(PointOfSale(commune=w.far_product.producer.commune, name="Điểm bán Điện Biên",
                                                 address="Phường Mường Thanh", operator="Trung tâm Xúc tiến"),
                                     products=[w.far_product], actor=w.users["other_staff"])


def _points(w):
    return [{"pk": w.point.pk}, {"pk": w.far_point.pk}]


# --- the URL patterns and how to fuzz them ----------------------------------------------------------------

@dataclasses.dataclass
class Endpoint:
    """How to fuzz one URL pattern. `targets` are the path arguments of the objects to open (the first is the
    one where `valid` makes an acceptable submission); `valid` completes the form as found on the page, and
    `together` are parameters that always get the same value (a password and its confirmation)."""

    sweep_as: str = "anonymous"  # the role whose requests the one-parameter-at-a-time sweep sends
    targets: Callable = lambda w: [{}]
    valid: Callable = lambda w, page: {}  # (world, the form's values as the page offers them) → what to change
    query: tuple = ()  # query parameters no form or link of the page shows
    before: Callable | None = None  # run first, in the same savepoint: lambda w, client: …
    crawl: bool = True  # read while discovering forms (not PDFs, downloads, redirects)
    methods: tuple = ()  # the HTTP methods to use (by default those the view class handles)
    strict: str = ""  # a pattern of parameter names that take plain decimals only (score cells)
    together: tuple = ()
    accepted: bool = True  # the valid submission, as sweep_as on the first target, is accepted


CELL = r"s_\d+_\d+_\w+"  # a score sheet's cell: s_<enrolment>_<member>_<column>


def _rounds(w):
    return [{"pk": r.pk} for r in w.rounds]


def _rounds_from(attr):
    """Every round, the one where the action is valid first."""
    return lambda w: [{"pk": r.pk} for r in sorted(w.rounds, key=lambda r: r != getattr(w, attr))]


def _sheet(w, round_):
    return {"pk": round_.pk, "enrolment": round_.enrolments.first().pk}


def _in_force(w):
    return [{"number": w.certificate.number}, {"number": w.old_certificate.number}]


def _day(d):
    return d.strftime("%d/%m/%Y")


def _one_cell_changed(page):
    """The sheet as opened, with its first filled cell one point lower: a change the services will save."""
    cell = next((n for n, v in page.items() if re.fullmatch(CELL, n) and v), None)
    if cell is None:
        return {}
    value = Decimal(page[cell].replace(",", ".")) - 1
    return {cell: f"{max(value, Decimal(0)):f}".replace(".", ",")}


def _member_session(w, client):
    """A council member's session (as their one-time link opens it) on the scoring round, scored online."""
    session = client.session
    session["council_member"] = w.scoring_round.members.order_by("pk")[1].pk
    session.save()


def _revocation_requested(w, client):
    """Staff asked for the certificate's revocation: the official's decline has a request to close."""
    certificate_services.request_revocation(w.certificate, reason="Chủ thể ngừng sản xuất.", actor=w.users["staff"])


def _open_set_password(w, client):
    client.get(reverse("accounts:set_password", kwargs={"uidb64": w.uid, "token": w.token}))


API_PRODUCER_FILTERS = ("q", "province", "district", "commune", "producer_type", "standing", "page", "page_size")
API_PRODUCT_FILTERS = (*API_PRODUCER_FILTERS, "group", "stars", "year")


def _xlsx(rows, title):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _score_file(w):
    """The scoring round's sheet filled in: every enrolled product × member, half the points of each part."""
    round_ = w.scoring_round
    parts = list(round_.criteria_set.parts.all())
    rows = [["Mã số chủ thể", "Tên sản phẩm", "Thành viên hội đồng", *(f"Phần {p.code}" for p in parts)]]
    for enrolment in round_.enrolments.select_related("product__producer"):
        for member in round_.members.all():
            rows.append([enrolment.product.producer.registration_code, enrolment.product.name, member.name,
                         *(float(p.max_points) / 2 for p in parts)])
    return _xlsx(rows, "Điểm")


def _registry_file(w):
    """One past recognition of a new producer of Lai Châu, in the official list's layout."""
    commune = w.producer.commune
    group = w.product.group
    row = [1, "Mật ong bạc hà", "Hợp tác xã Ong Mới", "Bản Hai", 3, "99/QĐ-UBND", "30/09/2020", "30/09/2023",
           "6298765432", "Hợp tác xã", "Lò Văn A", commune.code, commune.name, "Tỉnh Lai Châu", group.name,
           group.scheme, "", "Nguyễn Văn B", "Chủ tịch", "", "", ""]
    return _xlsx([REGISTRY_COLUMNS, row], "Danh sách")


def _kept(content):
    return exchange_storage.keep(content, "tep.xlsx")


def _training(w):
    """Lai Châu's course (with an attendee) and event, and Điện Biên's, made on first use (the programme's tables
    are not in the snapshot); the first of each list is the one a valid submission acts on."""
    if not hasattr(w, "courses"):
        day = datetime.date(2020, 5, 26)
        w.courses, w.events = [], []
        for province, staff in ((w.lai_chau, w.users["staff"]), (w.dien_bien, w.users["other_staff"])):
            course = training_services.create_course(province=province, actor=staff, title="Tập huấn OCOP",
                                                     starts_on=day, ends_on=day, place="Lai Châu", audience="Chủ thể")
            w.courses.append(course)
            w.events.append(training_services.create_event(
                province=province, actor=staff, kind=EventKind.CONFERENCE, title="Hội nghị trao giấy chứng nhận",
                starts_on=day, ends_on=day, place="Lai Châu"))
        w.attendee = training_services.add_attendee(w.courses[0], actor=w.users["staff"], full_name="Lò Văn Hải",
                                                    role=AttendeeRole.PRODUCER_LEADER, producer=w.producer)
    return w


def _courses(w):
    return [{"pk": c.pk} for c in _training(w).courses]


def _events(w):
    return [{"pk": e.pk} for e in _training(w).events]


COURSE = {"title": "Tập huấn xây dựng hồ sơ OCOP", "starts_on": "26/05/2020", "ends_on": "28/05/2020",
          "place": "Thành phố Lai Châu", "audience": "Chủ thể OCOP"}


ENDPOINTS = {
    "home": Endpoint(),
    "login": Endpoint(valid=lambda w, page: {"username": "canbo", "password": "pw"}, query=("next",)),
    "logout": Endpoint(sweep_as="producer", crawl=False),
    "set_language": Endpoint(crawl=False, valid=lambda w, page: {"language": "en", "next": "/products/"}),
    # products
    "products:registry": Endpoint(),
    "products:detail": Endpoint(targets=lambda w: [{"pk": w.product.pk}, {"pk": w.old_product.pk},
                                                   {"pk": w.draft.pk}]),
    "products:mine": Endpoint(sweep_as="staff"),
    "products:product": Endpoint(sweep_as="producer", targets=lambda w: [{"pk": w.draft.pk}, {"pk": w.product.pk},
                                                                         {"pk": w.submitted.pk}]),
    "products:edit": Endpoint(sweep_as="producer", targets=lambda w: [{"pk": w.draft.pk}, {"pk": w.product.pk}]),
    "products:document_add": Endpoint(sweep_as="producer", targets=lambda w: [{"pk": w.draft.pk}],
                                      # another file than the draft's: the same file twice is refused
                                      valid=lambda w, page: {"kind": "registration",
                                                             "file": ("ho-so.pdf", PDF + b"\n")}),
    "products:document": Endpoint(sweep_as="producer", crawl=False,
                                  targets=lambda w: [{"pk": w.draft.pk, "document": w.document.pk}]),
    "products:submit": Endpoint(sweep_as="producer", targets=lambda w: [{"pk": w.draft.pk}]),
    "products:queue": Endpoint(sweep_as="staff"),
    "products:document_remove": Endpoint(sweep_as="producer", targets=lambda w: [
        {"pk": w.draft.pk, "document": w.document.pk}, {"pk": w.submitted.pk, "document": w.document.pk}]),
    "products:reevaluation": Endpoint(sweep_as="other_producer", targets=lambda w: [{"pk": w.old_product.pk},
                                                                                   {"pk": w.product.pk}],
                                      valid=lambda w, page: {"comment": "Đã đổi bao bì, đề nghị đánh giá lại."}),
    "products:producers": Endpoint(sweep_as="staff", query=("q", "commune", "legal_type", "page")),
    "products:producer_new": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "legal_type": "household", "name": "Hộ kinh doanh Lò Văn Tâm", "registration_code": "12A8001234",
        "representative": "Lò Văn Tâm", "address": "Bản Nà Khum", "commune": str(w.producer.commune_id)}),
    "products:producer": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.producer.pk},
                                                                       {"pk": w.other_producer.pk}]),
    "products:producer_edit": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.producer.pk}],
                                       valid=lambda w, page: {"phone": "0213 3876 543"}),
    "products:product_new": Endpoint(sweep_as="producer", targets=lambda w: [{"pk": w.producer.pk},
                                                                             {"pk": w.other_producer.pk}],
                                     valid=lambda w, page: {"name": "Trà túi lọc Mẫu"}),
    "products:accept": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.submitted.pk}],
                                valid=lambda w, page: {"round": str(w.draft_round.pk)}),
    "products:return": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.submitted.pk}],
                                valid=lambda w, page: {"comment": "Bổ sung giấy chứng nhận an toàn thực phẩm."}),
    # evaluation
    "evaluation:rounds": Endpoint(sweep_as="staff"),
    "evaluation:round_new": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "level": "province", "number": "9", "starts_on": _day(TODAY), "ends_on": _day(TODAY)}),
    "evaluation:round": Endpoint(sweep_as="staff", targets=_rounds, query=("sort",)),
    "evaluation:round_history": Endpoint(sweep_as="staff", targets=_rounds, query=("page",)),
    "evaluation:round_state": Endpoint(sweep_as="staff", targets=_rounds_from("draft_round"),
                                       valid=lambda w, page: {"state": "cancelled", "reason": "Trùng lịch họp",
                                                              "confirm": "on"}),
    "evaluation:round_edit": Endpoint(sweep_as="staff", targets=_rounds_from("draft_round"), valid=lambda w, page: {
        "number": str(w.draft_round.number), "starts_on": _day(w.draft_round.starts_on), "max_spread": "10",
        "quorum": "0,75"}),
    "evaluation:member": Endpoint(sweep_as="staff", targets=lambda w: [
        {"pk": r.pk, "member": m.pk} for r in (w.draft_round, w.decided_round) for m in r.members.all()[:1]],
                                  valid=lambda w, page: {"action": "down"}),
    "evaluation:member_add": Endpoint(sweep_as="staff", targets=_rounds_from("draft_round"), valid=lambda w, page: {
        "name": "Bà Lò Thị Mai", "title": "Chuyên viên", "role": "member", "unit": "Sở Công Thương"}),
    "evaluation:enrol": Endpoint(sweep_as="staff", targets=_rounds_from("draft_round"),
                                 valid=lambda w, page: {"product": str(w.spare.pk)}),
    "evaluation:scores": Endpoint(strict=CELL, sweep_as="staff", targets=_rounds_from("scoring_round"),
                                  valid=lambda w, page: _one_cell_changed(page)),
    "evaluation:scores_product": Endpoint(strict=CELL, sweep_as="staff", targets=lambda w: [
        _sheet(w, w.scoring_round), _sheet(w, w.decided_round)]),
    "evaluation:correction": Endpoint(strict=CELL, sweep_as="official", targets=lambda w: [
        _sheet(w, w.decided_round), _sheet(w, w.scoring_round)],
                                      valid=lambda w, page: {**_one_cell_changed(page),
                                                             "reason": "Thư ký nhập nhầm điểm phần B."}),
    "evaluation:finalise": Endpoint(sweep_as="official", targets=_rounds_from("scored_round"), valid=lambda w, page: {
        "number": "77/QĐ-UBND", "signed_on": _day(TODAY), "signer_name": "Trần Tiến Dũng",
        "signer_title": "Chủ tịch"}),
    "evaluation:publish_screening": Endpoint(sweep_as="official", targets=lambda w: [
        {"pk": w.screening_round.pk}, {"pk": w.scored_round.pk}]),
    "evaluation:report": Endpoint(sweep_as="staff", targets=_rounds),
    "evaluation:report_print": Endpoint(sweep_as="staff", targets=_rounds),
    "evaluation:council_online": Endpoint(sweep_as="staff", targets=_rounds_from("scoring_round"),
                                          valid=lambda w, page: {"online": "1"}),
    "evaluation:council_status": Endpoint(sweep_as="staff", targets=_rounds),
    "evaluation:member_link": Endpoint(targets=lambda w: [{"token": "eyJsIjoxfQ:1abc:forged"}], accepted=False),
    "evaluation:member_home": Endpoint(before=_member_session),
    "evaluation:member_product": Endpoint(strict=r"p_\w+", before=_member_session, targets=lambda w: [
        {"enrolment": e.pk} for e in [*w.scoring_round.enrolments.all(), w.decided_round.enrolments.first()]]),
    "evaluation:member_submit": Endpoint(before=_member_session, accepted=False),  # the sheet is not complete
    "evaluation:member_leave": Endpoint(before=_member_session),
    # certificates
    "certificates:verify_search": Endpoint(),
    "certificates:verify": Endpoint(targets=_in_force),
    "certificates:list": Endpoint(sweep_as="official"),
    "certificates:print": Endpoint(sweep_as="official", crawl=False,
                                   valid=lambda w, page: {"round": str(w.decided_round.pk)}),
    "certificates:job": Endpoint(sweep_as="official", targets=lambda w: [{"pk": w.job.pk}]),
    "certificates:job_status": Endpoint(sweep_as="official", crawl=False, targets=lambda w: [{"pk": w.job.pk}]),
    "certificates:job_download": Endpoint(sweep_as="official", crawl=False, targets=lambda w: [{"pk": w.job.pk}]),
    "certificates:pdf": Endpoint(sweep_as="producer", crawl=False,
                                 targets=lambda w: [{"number": w.certificate.number}]),
    "certificates:round_paper": Endpoint(sweep_as="official", crawl=False, query=("member",), targets=lambda w: [
        {"pk": w.decided_round.pk, "paper": "decision", "fmt": "pdf"},
        {"pk": w.decided_round.pk, "paper": "minutes", "fmt": "docx"},
        {"pk": w.decided_round.pk, "paper": "sheets", "fmt": "pdf"},
        {"pk": w.draft_round.pk, "paper": "decision", "fmt": "pdf"}]),
    "certificates:revoke": Endpoint(sweep_as="official", targets=_in_force,
                                    valid=lambda w, page: {"reason": "Vi phạm cam kết chất lượng sản phẩm.",
                                                                  "confirm": "on"}),
    "certificates:request_revocation": Endpoint(sweep_as="staff", targets=_in_force,
                                                valid=lambda w, page: {"reason": "Chủ thể ngừng sản xuất."}),
    # a GET goes back to the revocation page; a POST with nothing open to decline is 404
    "certificates:decline_revocation": Endpoint(sweep_as="official", targets=_in_force, before=_revocation_requested,
                                                valid=lambda w, page: {"decline_reason": "Không có vi phạm."}),
    # statistics: the page (its filter form is found on it) and each chart's CSV, the rounds' as staff
    "stats:statistics": Endpoint(sweep_as="staff", query=("province", "on")),
    "stats:chart_csv": Endpoint(sweep_as="staff", crawl=False, query=("province", "on"), targets=lambda w: [
        {"chart": "stars"}, {"chart": "rounds"}, {"chart": "history"}]),
    # exchange
    "exchange:export_recognised": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "province": str(w.lai_chau.pk), "year": str(w.decision.year), "decision": w.decision.number,
        "format": "ptnt"}),
    # open data: the page, and the JSON API (its views are functions: GET only, read nowhere as forms)
    "opendata:index": Endpoint(),
    "api-v1:products": Endpoint(crawl=False, methods=("GET",), query=API_PRODUCT_FILTERS),
    "api-v1:product": Endpoint(crawl=False, methods=("GET",), targets=lambda w: [
        {"product_id": w.product.pk}, {"product_id": w.old_product.pk}, {"product_id": w.draft.pk}]),
    "api-v1:producers": Endpoint(crawl=False, methods=("GET",), query=API_PRODUCER_FILTERS),
    "api-v1:producer": Endpoint(crawl=False, methods=("GET",), targets=lambda w: [
        {"producer_id": w.producer.pk}, {"producer_id": w.other_producer.pk}]),
    "api-v1:certificate": Endpoint(crawl=False, methods=("GET",), targets=_in_force),
    "api-v1:openapi-json": Endpoint(crawl=False, methods=("GET",)),
    "api-v1:openapi-view": Endpoint(crawl=False, methods=("GET",)),
    "api-v1:api-root": Endpoint(crawl=False, methods=("GET",)),
    # portal and accounts
    # programme: plans and their progress
    "programme:home": Endpoint(sweep_as="staff"),
    "programme:plan": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.plan.pk}, {"pk": w.far_plan.pk}]),
    "programme:plan_report": Endpoint(sweep_as="staff", crawl=False, targets=lambda w: [{"pk": w.plan.pk},
                                                                                       {"pk": w.far_plan.pk}]),
    "programme:plan_new": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "number": "77/KH-UBND", "signed_on": "01/02/2021", "title": "Kế hoạch OCOP 2021",
        "starts_on": "01/01/2021", "ends_on": "31/12/2021"}),
    "programme:plan_edit": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.plan.pk}, {"pk": w.far_plan.pk}]),
    "programme:plan_picks": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.plan.pk},
                                                                         {"pk": w.far_plan.pk}]),
    "portal:dashboard": Endpoint(sweep_as="producer"),
    "profile": Endpoint(sweep_as="producer", valid=lambda w, page: {"phone": "0912 345 678"}),
    "accounts:invite": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "producer": str(w.producer.pk), "full_name": "Nguyễn Thị Hoa", "username": "chuthemoi",
        "email": "hoa@example.com"}),
    "accounts:set_password": Endpoint(
        targets=lambda w: [{"uidb64": w.uid, "token": "set-password"}, {"uidb64": w.uid, "token": w.token}],
        before=_open_set_password, crawl=False, together=("new_password1", "new_password2"),
        valid=lambda w, page: {"new_password1": "Chè-Shan-2026!", "new_password2": "Chè-Shan-2026!"}),
    "accounts:password_reset": Endpoint(valid=lambda w, page: {"email": "chuthe@example.com"}),
    "accounts:password_reset_done": Endpoint(),
    # exchange (imports)
    "exchange:scores_upload": Endpoint(sweep_as="staff", targets=_rounds_from("scoring_round"),
                                       valid=lambda w, page: {"file": ("diem.xlsx", _score_file(w))}),
    "exchange:scores_template": Endpoint(sweep_as="staff", crawl=False, targets=_rounds_from("scoring_round")),
    "exchange:scores_preview": Endpoint(sweep_as="staff", targets=lambda w: [
        {"pk": w.scoring_round.pk, "sha256": _kept(_score_file(w))},
        {"pk": w.decided_round.pk, "sha256": _kept(_score_file(w))},
        {"pk": w.scoring_round.pk, "sha256": _kept(b"not a spreadsheet")}]),
    "exchange:registry_upload": Endpoint(sweep_as="staff",
                                         valid=lambda w, page: {"file": ("ds.xlsx", _registry_file(w))}),
    "exchange:registry_template": Endpoint(sweep_as="staff", crawl=False),
    # programme: product ideas
    "programme:ideas": Endpoint(sweep_as="commune", query=("q", "state", "commune", "page")),
    "programme:idea_new": Endpoint(sweep_as="commune", valid=lambda w, page: {
        "producer_name": "Tổ hợp tác chè Phìn Hồ", "product_name": "Chè Phìn Hồ", "group": str(w.idea.group_id)}),
    "programme:idea": Endpoint(sweep_as="commune", targets=lambda w: [
        {"pk": i.pk} for i in (w.idea, w.returned_idea, w.selected_idea, w.far_idea)]),
    "programme:idea_edit": Endpoint(sweep_as="commune", targets=lambda w: [{"pk": w.returned_idea.pk},
                                                                          {"pk": w.idea.pk}],
                                    valid=lambda w, page: {"comment": "Đã bổ sung sản lượng: 2 tấn/năm."}),
    "programme:idea_review": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.idea.pk},
                                                                          {"pk": w.selected_idea.pk}],
                                      valid=lambda w, page: {"decision": "returned",
                                                             "comment": "Bổ sung vùng nguyên liệu."}),
    "programme:idea_producer": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.selected_idea.pk},
                                                                            {"pk": w.idea.pk}],
                                        valid=lambda w, page: {
                                            "legal_type": "cooperative_group", "registration_code": "12A8009876",
                                            "representative": "Lò Văn Đon", "address": "Bản Nà Đon"}),
    "programme:idea_register": Endpoint(sweep_as="staff", targets=lambda w: [{"pk": w.selected_idea.pk},
                                                                            {"pk": w.idea.pk}],
                                        valid=lambda w, page: {"producer": str(w.producer.pk)}),
    "programme:commune_ideas": Endpoint(sweep_as="commune", targets=lambda w: [
        {"pk": w.producer.commune_id}, {"pk": w.other_producer.commune_id}, {"pk": w.far_idea.commune_id}]),
    "exchange:registry_preview": Endpoint(sweep_as="staff", targets=lambda w: [
        {"sha256": _kept(_registry_file(w))}, {"sha256": _kept(_score_file(w))}]),
    # programme: training courses and promotion events
    "programme:courses": Endpoint(sweep_as="staff"),
    "programme:course_new": Endpoint(sweep_as="staff", valid=lambda w, page: COURSE),
    "programme:course": Endpoint(sweep_as="staff", targets=_courses),
    "programme:course_edit": Endpoint(sweep_as="staff", targets=_courses,
                                      valid=lambda w, page: {"place": "Hội trường tỉnh"}),
    "programme:course_attendee_add": Endpoint(sweep_as="staff", targets=_courses, valid=lambda w, page: {
        "full_name": "Vàng A Dơ", "role": "producer_leader", "producer": str(w.producer.pk),
        "commune": str(w.producer.commune_id)}),
    "programme:course_attendee_remove": Endpoint(sweep_as="staff", targets=lambda w: [
        {"pk": _training(w).courses[0].pk, "attendee": w.attendee.pk},
        {"pk": w.courses[1].pk, "attendee": w.attendee.pk}], valid=lambda w, page: {"reason": "Nhập trùng"}),
    "programme:events": Endpoint(sweep_as="staff"),
    "programme:event_new": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "kind": "fair", "title": "Hội chợ OCOP", "starts_on": "13/12/2020", "ends_on": "15/12/2020",
        "place": "Lai Châu", "products": [str(w.product.pk)]}),
    "programme:event": Endpoint(sweep_as="staff", targets=_events),
    "programme:event_edit": Endpoint(sweep_as="staff", targets=_events,
                                     valid=lambda w, page: {"products": [str(w.product.pk), str(w.old_product.pk)]}),
    # programme: OCOP points of sale
    "programme:points_of_sale": Endpoint(),
    "programme:point_of_sale": Endpoint(targets=_points),
    "programme:point_of_sale_new": Endpoint(sweep_as="staff", valid=lambda w, page: {
        "name": "Quầy OCOP chợ Mẫu", "address": "Chợ trung tâm", "commune": str(w.producer.commune_id),
        "operator": "Ban quản lý chợ", "products": str(w.product.pk)}),
    "programme:point_of_sale_edit": Endpoint(sweep_as="staff", targets=_points,
                                             valid=lambda w, page: {"phone": "0213 3876 543"}),
    "programme:point_of_sale_check": Endpoint(sweep_as="staff", targets=_points, valid=lambda w, page: {
        "checked_on": _day(TODAY), "c_location_access": "on", "c_products_kind": "on", "note": "Kiểm tra định kỳ"}),
    "programme:point_of_sale_close": Endpoint(sweep_as="staff", targets=_points,
                                              valid=lambda w, page: {"closed_on": _day(TODAY), "confirm": "on"}),
}

# The back office: every registered model's pages, found from the admin site itself. The changelists are swept
# (search, ordering, page, every filter) and so are the forms of the app's own rules; Hypothesis draws from all.
ADMIN_SWEEP = {"q": ["x" * 10_000, "a\x00b"], "o": ["²", "-.x"], "p": ["99999999999999999999"]}
ADMIN_FILTER_VALUES = ["99999999999999999999", "a\x00b"]
ADMIN_FORMS = ("admin:products_product_change", "admin:products_producer_change", "admin:accounts_user_add")
ADMIN_FORM_VALUES = ["a\x00b", "²", "99999999999999999999"]
# The admin's own buttons and an inline's management form: Django's, and slow to fuzz (a huge TOTAL_FORMS
# builds a thousand forms); the random requests reach them.
DJANGO_ADMIN_FIELD = re.compile(r"^_|__prefix__|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")
ADMIN_PAGES = {"index", "login", "logout", "password_change", "password_change_done", "jsi18n", "autocomplete",
               "view_on_site", "app_list"}
ADMIN_SUFFIXES = ("changelist", "add", "change", "history", "delete", "password_change", "simple_history")


def admin_endpoints(w):
    """admin:<app>_<model>_<page> of every registered model, and the site's own pages → (Endpoint, model)."""
    names = {name for name, _pattern in url_patterns() if name.startswith("admin:")}
    out = {}
    for model, model_admin in admin.site._registry.items():
        base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = model_admin.get_queryset(_AsAdmin(w)).order_by("pk").first()
        for suffix in ADMIN_SUFFIXES:
            if f"{base}_{suffix}" not in names:
                continue
            needs_object = suffix in ("change", "history", "delete", "password_change", "simple_history")
            key = "id" if suffix == "password_change" else "object_id"
            targets = ([] if obj is None else [{key: str(obj.pk)}]) if needs_object else [{}]
            if suffix == "simple_history":  # one past version of the object (django-simple-history's page)
                version = obj.history.order_by("history_id").first() if obj is not None else None
                targets = [{"object_id": str(obj.pk), "version_id": version.history_id}] if version else []
            methods = ("GET",) if suffix in ("history", "simple_history") else ("GET", "POST")
            out[f"{base}_{suffix}"] = (Endpoint(sweep_as="admin", targets=_fixed(targets), accepted=False,
                                                crawl=suffix != "delete", methods=methods), model)
    labels = sorted({m._meta.app_label for m in admin.site._registry})
    out["admin:app_list"] = (Endpoint(sweep_as="admin", targets=_fixed([{"app_label": a} for a in labels]),
                                      methods=("GET",)), None)
    out["admin:autocomplete"] = (Endpoint(sweep_as="admin", crawl=False, methods=("GET",), query=(
        "term", "app_label", "model_name", "field_name", "page")), None)
    staff = [{"id": str(w.users["staff"].pk)}]
    out["admin:auth_user_password_change"] = (Endpoint(sweep_as="admin", targets=_fixed(staff),
                                                       accepted=False, methods=("GET", "POST")), None)
    on_site = {"content_type_id": ContentType.objects.get_for_model(w.product).pk, "object_id": w.product.pk}
    out["admin:view_on_site"] = (Endpoint(sweep_as="admin", crawl=False, targets=_fixed([on_site]),
                                          methods=("GET",)), None)
    for page in ADMIN_PAGES - {"app_list", "autocomplete", "view_on_site"}:
        methods = {"logout": ("POST",), "login": ("GET", "POST"), "password_change": ("GET", "POST")}.get(
            page, ("GET",))
        out[f"admin:{page}"] = (Endpoint(sweep_as="admin", crawl="GET" in methods, accepted=False, methods=methods),
                                None)
    return out


def _fixed(targets):
    return lambda w: targets


class _AsAdmin:
    """Enough of a request for ModelAdmin.get_queryset()."""

    def __init__(self, w):
        self.user = w.users["admin"]


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, pattern) of every named URL pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


# --- discovery: what each page offers -------------------------------------------------------------------

@dataclasses.dataclass
class Target:
    """One URL to fuzz, with its parameters: name → (kind, values a user could send), and a valid submission."""

    name: str
    method: str
    path: str
    endpoint: Endpoint
    fields: dict
    valid: dict
    multipart: bool = False

    @property
    def strict(self):
        pattern = self.endpoint.strict
        return tuple(n for n in self.fields if pattern and re.fullmatch(pattern, n))


def nature_of(field_class):
    """What a Django form field (class) holds, in the sweep's terms."""
    natures = [((forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField), "choice"),
               (forms.FileField, "file"), ((forms.DateField, forms.DateTimeField), "date"),
               ((forms.IntegerField, forms.DecimalField, forms.FloatField), "number")]
    return next((nature for classes, nature in natures if issubclass(field_class, classes)), "text")


def view_params(path):
    """Parameters the view's own classes declare: its form's fields, its filters, its page number."""
    func = resolve(path).func
    view = getattr(func, "view_class", None)
    if view is None:
        return {}, {}
    attrs = {**view.__dict__, **getattr(func, "view_initkwargs", {})}
    get, post = {}, {}
    form_class = attrs.get("authentication_form") or getattr(view, "form_class", None)
    if form_class is not None and hasattr(form_class, "base_fields"):
        for name, field in form_class.base_fields.items():
            post[name] = (nature_of(type(field)), [])
    filterset = getattr(view, "filterset_class", None)
    if filterset is not None:
        for name, filter_ in filterset.base_filters.items():
            get[name] = (nature_of(filter_.field_class or forms.CharField), [])
    if getattr(view, "paginate_by", None) or "get_paginate_by" in view.__dict__:
        get["page"] = ("number", ["1", "2"])
    return get, post


def methods_of(name, pattern, endpoint):
    if endpoint.methods:
        return list(endpoint.methods)
    view = getattr(pattern.callback, "view_class", None)
    if view is None:
        return ["POST"]  # set_language: a GET only redirects
    return [m.upper() for m in ("get", "post") if hasattr(view, m) and m in view.http_method_names]


def crawl_roles(name, endpoint, i):
    """Who reads a page while discovering forms: everyone reads the first object of each app page; the other
    objects, and the back office, only the roles that can act there."""
    if name.startswith("admin:"):
        return ["admin", "staff"] if name in ADMIN_FORMS else ["admin"]
    if i == 0:
        return ROLES
    return sorted({endpoint.sweep_as, "staff", "official", "admin"})


def discover(w, runner, endpoints):
    """Read every page as the roles of crawl_roles(); keep each form (by its method and action) and the query
    parameters of the links back to a page."""
    found, links = {}, {}
    patterns = dict(url_patterns())
    for name, (endpoint, _model) in endpoints.items():
        if not endpoint.crawl or "GET" not in methods_of(name, patterns[name], endpoint):
            continue
        for i, kwargs in enumerate(endpoint.targets(w)):
            path = reverse(name, kwargs=kwargs)
            for role in crawl_roles(name, endpoint, i):
                response = runner.send(Probe(role, "GET", path, name, {}, before=(
                    lambda c, e=endpoint: e.before(w, c)) if endpoint.before else None))
                if response is None or not response.get("Content-Type", "").startswith("text/html"):
                    continue
                page = Page(path, response.content.decode())
                for form in page.forms:
                    key = (form.method, form.action)
                    known = found.setdefault(key, {"multipart": form.multipart, "fields": {}})
                    known["multipart"] |= form.multipart
                    for field in form.fields:
                        if field.name == "csrfmiddlewaretoken":
                            continue
                        nature, values, default = known["fields"].get(field.name, (field.nature, [], None))
                        values += [v for v in field.values if v not in values]
                        known["fields"][field.name] = (nature, values, default if default is not None
                                                       else field.default)
                for link in page.links:
                    parts = urlsplit(link)
                    if parts.netloc not in ("", "testserver") or not parts.query:
                        continue
                    for key, value in parse_qsl(parts.query, keep_blank_values=True):
                        links.setdefault(parts.path, {}).setdefault(key, set()).add(value)
    links = {path: {key: ("number" if all(v.isdigit() for v in values) else "choice", sorted(values))
                    for key, values in params.items()} for path, params in links.items()}
    return found, links


def build_targets(w, endpoints, found, links):
    """Every URL of every endpoint with each method, its parameters (from the forms and links found, the
    view's classes and ENDPOINTS) and a valid submission (the form as the page offers it, completed)."""
    patterns = dict(url_patterns())
    by_name = {}
    for (method, action), form in found.items():
        name = url_name(action)
        if name:
            by_name.setdefault((method, name), []).append(form)
    targets = []
    for name, (endpoint, _model) in endpoints.items():
        for kwargs in endpoint.targets(w):
            path = reverse(name, kwargs=kwargs)
            declared_get, declared_post = view_params(path)
            for method in methods_of(name, patterns[name], endpoint):
                form = found.get((method, path)) or _merged(by_name.get((method, name), []))
                fields = {n: (nature, list(values)) for n, (nature, values, _d) in form["fields"].items()}
                valid = {n: d for n, (_nature, _values, d) in form["fields"].items() if d is not None}
                for n, spec in (declared_get if method == "GET" else declared_post).items():
                    fields.setdefault(n, spec)
                if method == "GET":
                    for n, spec in links.get(path, {}).items():
                        fields.setdefault(n, spec)
                    for n in endpoint.query:
                        fields.setdefault(n, ("text", []))
                    valid = {}  # a page opens with no parameter
                else:
                    changes = endpoint.valid(w, dict(valid))
                    valid.update(changes)
                    for n, value in changes.items():
                        fields.setdefault(n, ("file" if isinstance(value, tuple) else "text", []))
                multipart = form["multipart"] or any(nature == "file" for nature, _v in fields.values())
                targets.append(Target(name, method, path, endpoint, fields, valid, multipart))
    return targets


def _merged(forms):
    merged = {"multipart": False, "fields": {}}
    for form in forms:
        merged["multipart"] |= form["multipart"]
        for n, spec in form["fields"].items():
            merged["fields"].setdefault(n, spec)
    return merged


def path_probes(w, name, endpoint, pattern):
    """The pattern's path arguments replaced, one at a time, by hostile segments (a huge id, a NUL, …)."""
    converters = pattern.pattern.converters
    for kwargs in endpoint.targets(w)[:1]:
        for arg, converter in converters.items():
            kind = type(converter).__name__
            hostile = (HOSTILE_INTS if kind == "IntConverter" else [uuid.UUID(int=0), uuid.uuid4()]
                       if kind == "UUIDConverter" else HOSTILE_SEGMENTS)
            for value in hostile:
                try:
                    path = reverse(name, kwargs={**kwargs, arg: value})
                except NoReverseMatch:  # the converter refuses it: no link can lead there
                    continue
                yield path, arg, value


# --- the module's world -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The scenario, its sessions and the forms its pages offer; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        w.sessions = {}
        for role, user in w.users.items():
            client = Client()
            client.force_login(user)
            w.sessions[role] = client.session.session_key
        w.snapshot = Snapshot()
        w.baseline = w.snapshot.take()
        w.endpoints = {name: (endpoint, None) for name, endpoint in ENDPOINTS.items()} | admin_endpoints(w)
        w.discovery_findings = Findings()
        runner = Runner(w.sessions, w.snapshot, w.baseline, w.discovery_findings)
        w.targets = build_targets(w, w.endpoints, *discover(w, runner, w.endpoints))
        yield w
        transaction.set_rollback(True)
    for cache in caches.all():  # nothing the requests left behind (a login throttle, say) outlives the module
        cache.clear()


@pytest.fixture
def fuzz(world, db):
    findings = Findings()
    assert Snapshot.changed(world.baseline, world.snapshot.take()) == []  # every earlier request was undone
    return Runner(world.sessions, world.snapshot, world.baseline, findings), findings


# --- the tests ---------------------------------------------------------------------------------------------

def test_every_url_pattern_is_fuzzed(world):
    names = {name for name, _pattern in url_patterns()}
    assert names - set(world.endpoints) == set(), "add these URL patterns to ENDPOINTS"
    assert set(ENDPOINTS) - names == set(), "these ENDPOINTS entries name no URL pattern"
    unreached = [n for n, (e, _m) in world.endpoints.items() if not e.targets(world) and not n.startswith("admin:")]
    assert unreached == [], "each endpoint needs an object to open"


def test_pages_read_while_discovering_forms(world):
    finish(world.discovery_findings, "discovery")


def sweep_values(world, nature):
    """What the sweep sends to a parameter: what every parameter gets, what its kind invites, and values of
    the scenario it could collide with."""
    if nature == "file":
        return HOSTILE_FILES
    if DEEP:
        return HOSTILE + world.taken[nature]
    return EVERY_KIND + BY_KIND[nature] + world.taken[nature]


OTHER_OBJECTS = ["", "a\x00b", "x" * 10_000, "²", "99999999999999999999"]  # swept on an endpoint's other objects
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_hostile_values_one_parameter_at_a_time(world, fuzz, name):
    """Each parameter in turn gets each hostile value while the others stay valid, as the role that uses
    the page (on the endpoint's other objects, a few values only); then the path's arguments; then the form
    without its CSRF token."""
    runner, findings = fuzz
    endpoint, role = ENDPOINTS[name], ENDPOINTS[name].sweep_as
    before = (lambda c: endpoint.before(world, c)) if endpoint.before else None
    for method in ("GET", "POST"):
        for i, target in enumerate(t for t in world.targets if t.name == name and t.method == method):
            def probe(data, focus="", csrf=False, target=target, method=method):
                return Probe(role, method, target.path, name, data, focus=focus, csrf=csrf, before=before,
                             multipart=target.multipart and method == "POST", strict=target.strict)

            response = runner.send(probe(dict(target.valid)))
            if i == 0 and method == "POST" and endpoint.accepted and response is not None:
                levels = {m.level for m in runner.messages_of(response)}
                if response.status_code not in (200, 302) or messages.ERROR in levels:
                    findings.add(Finding("harness", probe(dict(target.valid)), (
                        f"the valid submission was refused ({response.status_code}, "
                        f"{[str(m) for m in runner.messages_of(response)]}): update ENDPOINTS[{name!r}].valid"),
                        "refused"))
            families = {}
            for field, (nature, _values) in target.fields.items():
                families.setdefault((_family(field), nature), field)
            for j, ((_family_name, nature), field) in enumerate(families.items()):
                values = sweep_values(world, nature) if i == 0 else [] if nature == "file" else OTHER_OBJECTS
                if i == 0 and j == 0 and nature != "file":
                    values = [*values, ["1"] * REPEATED]  # the field limit: once per form is enough
                for value in values:
                    same = {other: value for other in endpoint.together if field in endpoint.together}
                    runner.send(probe({**target.valid, field: value, **same}, focus=field))
            if i == 0 and method == "POST":  # no CSRF token: refused, in Vietnamese
                runner.send(probe(dict(target.valid), focus="csrfmiddlewaretoken", csrf=True))
    patterns = dict(url_patterns())
    for path, arg, _value in path_probes(world, name, endpoint, patterns[name]):
        for method in methods_of(name, patterns[name], endpoint):
            runner.send(Probe(role, method, path, name, {}, focus=arg))
    finish(findings, name)


def _family(field):
    """s_12_3_p4 and s_13_3_p4 are the same kind of cell: one of each family is swept."""
    return "".join("#" if c.isdigit() else c for c in field)


def test_hostile_values_in_the_back_office_lists(world, fuzz):
    """Search, ordering, page and every filter of each changelist, as the administrator (search also as staff)."""
    runner, findings = fuzz
    for target in world.targets:
        if not target.name.endswith("_changelist") or target.method != "GET":
            continue
        params = {**ADMIN_SWEEP, **{n: ADMIN_FILTER_VALUES for n in target.fields if n not in ADMIN_SWEEP}}
        for param, values in params.items():
            for value in values:
                runner.send(Probe("admin", "GET", target.path, target.name, {param: value}, focus=param))
        runner.send(Probe("staff", "GET", target.path, target.name, {"q": "x" * 10_000}, focus="q"))
    path = reverse("admin:products_product_changelist")  # Django's own checks, the same for every list
    for param in ("_to_field", "e", "_popup", "all"):
        runner.send(Probe("admin", "GET", path, "admin:products_product_changelist", {param: "²"}, focus=param))
    finish(findings, "admin changelists")


def test_hostile_values_in_the_back_office_forms(world, fuzz):
    """The back-office forms of the app's own rules (a product's name is unique for its producer; a user's
    role goes with a province or a producer), each field in turn, as the administrator; the rest of the back
    office is left to the random requests."""
    runner, findings = fuzz
    for target in world.targets:
        if target.name not in ADMIN_FORMS or target.method != "POST":
            continue
        families = {}
        for field, (nature, _values) in target.fields.items():
            if not DJANGO_ADMIN_FIELD.search(field):
                families.setdefault((_family(field), nature), field)
        for (_name, nature), field in families.items():
            for value in ADMIN_FORM_VALUES + (world.taken["text"][:3] if nature == "text" else []):
                runner.send(Probe("admin", "POST", target.path, target.name, {**target.valid, field: value},
                                  focus=field, multipart=target.multipart))
    finish(findings, "admin forms")


def _probe(data, w, role):
    """Hypothesis: any URL of the app with any of its parameters valid, left out or hostile, plus a stray one."""
    back_office = data.draw(st.sampled_from(range(5 if role in ADMIN_ROLES else 10)), label="back office") == 0
    target = data.draw(st.sampled_from([t for t in w.targets if t.name.startswith("admin:") == back_office]),
                       label="target")
    payload, focus = {}, []
    for field, (nature, values) in target.fields.items():
        mode = data.draw(st.sampled_from(["valid", "valid", "hostile", "omit"]), label=field)
        if mode == "valid" and field in target.valid:
            payload[field] = target.valid[field]
        elif mode == "hostile":
            payload[field] = data.draw(st.sampled_from(HOSTILE_FILES) if nature == "file"
                                       else hostile_values([*w.taken_all, *values]), label=field)
            focus.append(field)
    if data.draw(st.booleans(), label="stray parameter"):
        stray = data.draw(st.text(min_size=1, max_size=12).filter(lambda s: "\x00" not in s), label="stray name")
        payload.setdefault(stray, data.draw(hostile_values(w.taken_all), label="stray value"))
        focus.append(stray)
    before = (lambda c: target.endpoint.before(w, c)) if target.endpoint.before else None
    return Probe(role, target.method, target.path, target.name, payload, focus=",".join(focus),
                 multipart=target.multipart and target.method == "POST", before=before, strict=target.strict)


@pytest.mark.parametrize("role", ROLES)
def test_random_hostile_requests_as_each_role(world, fuzz, role):
    """Hypothesis, derandomized: EXAMPLES requests as `role`, each to any URL (one in five, or ten, in the back
    office) with any of its parameters valid, left out or hostile."""
    runner, findings = fuzz

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def send_random_request(data):
        runner.send(_probe(data, world, role))

    send_random_request()
    finish(findings, f"random as {role}")


# --- the oracles themselves ----------------------------------------------------------------------------------

def test_the_language_check_tells_english_from_vietnamese():
    assert english_in("Bad Request (400)") == "Bad Request (400)"
    assert english_in("Ensure this value has at most 40 characters (it has 41).")
    assert english_in("Constraint “round_quorum_share” is violated.")
    assert english_in("Trường này là bắt buộc.") is None
    assert english_in("Số quyết định phải có dạng 1234/QĐ-UBND.") is None
    # what the user typed may be quoted back: it is not the message's language
    assert english_in("“the value is not valid” không phải là số.", ["the value is not valid"]) is None


def test_the_page_reader_finds_forms_links_and_errors():
    page = Page("/rounds/1/", """<main><p class="message message-error">Chưa lưu gì.</p>
        <form method="post" action="/rounds/1/members/"><input name="name" value="An">
        <select name="role"><option value="">—</option><option value="chair" selected>Chủ tịch</option></select>
        <textarea name="reason">
Lý do</textarea><span class="error">Trường này là bắt buộc.</span>
        <input name="starts_on" placeholder="dd/mm/yyyy"><input name="quorum" value="0,75"></form>
        <a href="?page=2">2</a></main>""")
    (form,) = page.forms
    assert (form.method, form.action) == ("POST", "/rounds/1/members/")
    fields = {f.name: f for f in form.fields}
    assert {n: f.default for n, f in fields.items()} == {"name": "An", "role": "chair", "reason": "Lý do",
                                                        "starts_on": "", "quorum": "0,75"}
    assert {n: f.nature for n, f in fields.items()} == {"name": "text", "role": "choice", "reason": "text",
                                                       "starts_on": "date", "quorum": "number"}
    assert page.errors == ["Chưa lưu gì.", "Trường này là bắt buộc."]
    assert page.links == ["/rounds/1/?page=2"]


def test_a_refused_request_that_changed_saved_data_is_reported(world, fuzz):
    runner, findings = fuzz
    with transaction.atomic():
        world.producer.__class__.objects.filter(pk=world.producer.pk).update(name="Đổi tên lén")
        runner.wrote = True
        refused = type("Response", (), {"status_code": 400, "wsgi_request": None})()
        runner.check_data(Probe("staff", "POST", "/x/", "x", {}), refused)
        transaction.set_rollback(True)
    assert [g["first"].kind for g in findings.groups.values()] == ["data changed"]
