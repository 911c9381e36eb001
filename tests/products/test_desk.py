"""The office's desk (producers and products in the app, for provincial staff) and producers helping themselves
(new product, documents removed before submitting, re-evaluation request, own profile)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from products import services
from products.enums import ProductStatus
from products.models import DossierDocument, DossierEvent, Producer, Product, ProductGroup
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, blank_pdf, recognise, tea_group

PDF = blank_pdf()


def producer_data(commune, **overrides):
    return {"legal_type": "cooperative", "name": "Hợp tác xã Chè Tả Phìn", "registration_code": "6200123456",
            "representative": "Lò Văn Minh", "representative_title": "Giám đốc", "address": "Bản Tả Phìn",
            "commune": str(commune.pk), "historical_district": "", "phone": "0213 3876 543", "email": "",
            "website": "", **overrides}


# --- producers: list, search, filters, pagination -------------------------------------------------

def test_staff_list_the_provinces_producers_searching_without_diacritics(login, staff_user, producer, dien_bien):
    ProducerFactory(name="Hợp tác xã Mật ong Điện Biên", commune=CommuneFactory(province=dien_bien))
    client = login(staff_user)
    body = client.get(reverse("products:producers")).content.decode()
    assert producer.name in body and "Điện Biên" not in body
    body = client.get(reverse("products:producers"), {"q": "che mau"}).content.decode()
    assert producer.name in body and "1 chủ thể" in body
    none = client.get(reverse("products:producers"), {"q": "mat ong"}).content.decode()
    assert "Không có chủ thể nào phù hợp" in none
    by_code = client.get(reverse("products:producers"), {"q": producer.registration_code}).content.decode()
    assert producer.name in by_code


def test_producers_filter_by_commune_and_legal_type(login, staff_user, producer, other_producer):
    client = login(staff_user)
    body = client.get(reverse("products:producers"), {"commune": producer.commune_id}).content.decode()
    assert producer.name in body and other_producer.name not in body
    assert "Không có chủ thể" in client.get(reverse("products:producers"),
                                            {"legal_type": "household"}).content.decode()
    # a value no form offers lists nothing, and is not an error
    assert client.get(reverse("products:producers"), {"commune": "x", "page": "abc"}).status_code == 200


@pytest.mark.parametrize("size", [3, 60])
def test_producer_list_queries_do_not_grow(login, staff_user, lai_chau, size, django_assert_max_num_queries):
    commune = CommuneFactory(province=lai_chau)
    for _ in range(size):
        producer = ProducerFactory(commune=commune, historical_district=None)
        ProductFactory(producer=producer, group=tea_group("2026"))
    client = login(staff_user)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("products:producers"), {"q": "hop tac", "page": "2"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_producer_page_queries_do_not_grow(login, staff_user, producer, size, django_assert_max_num_queries):
    for _ in range(size):
        ProductFactory(producer=producer, group=tea_group("2026"))
    client = login(staff_user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("products:producer", args=[producer.pk])).status_code == 200


# --- producers: create, edit, duplicates ----------------------------------------------------------

def test_staff_create_a_producer_recorded_in_history(login, staff_user, lai_chau):
    commune = CommuneFactory(province=lai_chau)
    response = login(staff_user).post(reverse("products:producer_new"), producer_data(commune), follow=True)
    producer = Producer.objects.get(registration_code="6200123456")
    assert "Đã tạo chủ thể" in response.content.decode()
    assert producer.province == lai_chau and producer.search_name == "hop tac xa che ta phin"
    assert producer.history.get().history_user == staff_user


def test_the_same_registration_code_is_refused(login, staff_user, producer):
    data = producer_data(producer.commune, registration_code=producer.registration_code, confirm_duplicate="on")
    body = login(staff_user).post(reverse("products:producer_new"), data).content.decode()
    assert f"Mã số đăng ký {producer.registration_code} đã là của" in body and producer.name in body
    assert Producer.objects.count() == 1


def test_the_same_name_in_the_same_commune_asks_for_confirmation(login, staff_user, producer):
    client = login(staff_user)
    data = producer_data(producer.commune, name="  hợp tác xã CHE MAU ")
    body = client.post(reverse("products:producer_new"), data).content.decode()
    assert "đã được đăng ký tại" in body and reverse("products:producer", args=[producer.pk]) in body
    assert Producer.objects.count() == 1
    client.post(reverse("products:producer_new"), {**data, "confirm_duplicate": "on"})
    assert Producer.objects.count() == 2


def test_the_same_name_in_another_commune_is_no_duplicate(login, staff_user, producer, lai_chau):
    data = producer_data(CommuneFactory(province=lai_chau), name=producer.name)
    login(staff_user).post(reverse("products:producer_new"), data)
    assert Producer.objects.count() == 2


def test_a_commune_of_another_province_is_not_offered(login, staff_user, dien_bien):
    commune = CommuneFactory(province=dien_bien)
    body = login(staff_user).post(reverse("products:producer_new"), producer_data(commune)).content.decode()
    assert not Producer.objects.exists() and "has-error" in body


def test_staff_edit_a_producer(login, staff_user, producer):
    data = producer_data(producer.commune, name=producer.name, registration_code=producer.registration_code,
                         phone="0912 345 678")
    login(staff_user).post(reverse("products:producer_edit", args=[producer.pk]), data)
    producer.refresh_from_db()
    assert producer.phone == "0912 345 678" and producer.history.first().history_user == staff_user


# --- denials --------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["producer_user", "official_user"])
@pytest.mark.parametrize("name, args", [("products:producers", []), ("products:producer_new", [])])
def test_only_staff_use_the_desk(request, login, who, name, args):
    assert login(request.getfixturevalue(who)).get(reverse(name, args=args)).status_code == 403


def test_staff_of_another_province_see_nothing_of_this_one(login, other_staff_user, producer):
    client = login(other_staff_user)
    for name in ("products:producer", "products:producer_edit", "products:product_new"):
        assert client.get(reverse(name, args=[producer.pk])).status_code == 404
    assert client.post(reverse("products:producer_edit", args=[producer.pk]),
                       producer_data(producer.commune, name="Đổi tên")).status_code == 404
    assert producer.name not in client.get(reverse("products:producers")).content.decode()


def test_producers_and_officials_cannot_edit_producers(login, producer_user, official_user, producer):
    assert login(producer_user).get(reverse("products:producer_edit", args=[producer.pk])).status_code == 403
    assert login(official_user).post(reverse("products:producer_edit", args=[producer.pk]),
                                     producer_data(producer.commune)).status_code == 403


@pytest.mark.parametrize("name", ["products:producers", "products:producer_new", "profile"])
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_cannot_open_a_producer(client, producer):
    for name in ("products:producer", "products:producer_edit", "products:product_new"):
        assert client.get(reverse(name, args=[producer.pk])).status_code == 302


# --- products: created with the product sets in force only -----------------------------------------

def test_only_the_product_sets_in_force_are_offered(login, staff_user, producer):
    form = login(staff_user).get(reverse("products:product_new", args=[producer.pk])).context["form"]
    schemes = set(form.fields["group"].queryset.values_list("scheme", flat=True))
    assert schemes == {"2026"}


def test_staff_register_a_product_recorded_in_history(login, staff_user, producer):
    group = tea_group("2026")
    response = login(staff_user).post(reverse("products:product_new", args=[producer.pk]),
                                      {"name": "Chè xanh Tả Phìn", "group": group.pk, "description": ""})
    product = Product.objects.get(name="Chè xanh Tả Phìn")
    assert response["Location"] == reverse("products:product", args=[product.pk])
    assert product.status == ProductStatus.DRAFT and product.group == group
    assert product.history.get().history_user == staff_user


def test_a_product_set_of_a_repealed_classification_is_refused(login, staff_user, producer):
    old = ProductGroup.objects.get(scheme="1048", name="Mật ong, sản phẩm từ mật ong, mật khác")
    body = login(staff_user).post(reverse("products:product_new", args=[producer.pk]),
                                  {"name": "Mật ong bạc hà", "group": old.pk}).content.decode()
    assert not Product.objects.filter(name="Mật ong bạc hà").exists() and "has-error" in body
    with pytest.raises(services.DossierError):
        services.create_product(Product(producer=producer, name="Mật ong", group=old), actor=staff_user)


def test_a_products_name_is_unique_per_producer(login, staff_user, draft_product):
    body = login(staff_user).post(reverse("products:product_new", args=[draft_product.producer_id]),
                                  {"name": draft_product.name, "group": tea_group("2026").pk}).content.decode()
    assert Product.objects.filter(name=draft_product.name).count() == 1 and 'role="alert"' in body


def test_a_producer_registers_its_own_product_only(login, producer_user, producer, other_producer):
    client = login(producer_user)
    client.post(reverse("products:product_new", args=[producer.pk]),
                {"name": "Trà hoa vàng", "group": tea_group("2026").pk})
    assert Product.objects.get(name="Trà hoa vàng").producer == producer
    assert client.get(reverse("products:product_new", args=[other_producer.pk])).status_code == 404
    assert client.post(reverse("products:product_new", args=[other_producer.pk]),
                       {"name": "Lén", "group": tea_group("2026").pk}).status_code == 404
    assert not Product.objects.filter(name="Lén").exists()


def test_officials_register_no_product(login, official_user, producer):
    assert login(official_user).get(reverse("products:product_new", args=[producer.pk])).status_code == 403


# --- producers help themselves: documents --------------------------------------------------------

def upload(client, product, name, content, kind="registration"):
    return client.post(reverse("products:document_add", args=[product.pk]),
                       {"kind": kind, "file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_same_file_twice_is_refused(login, producer_user, draft_product):
    client = login(producer_user)
    upload(client, draft_product, "a.pdf", PDF)
    body = upload(client, draft_product, "b.pdf", PDF).content.decode()
    assert "Tệp này đã có trong hồ sơ, với tên “a.pdf”" in body
    assert draft_product.documents.count() == 1


def test_a_document_is_removed_before_submitting_not_after(login, producer_user, draft_product,
                                                           django_capture_on_commit_callbacks):
    client = login(producer_user)
    upload(client, draft_product, "a.pdf", PDF)
    upload(client, draft_product, "b.pdf", PDF + b"\n")
    first, second = draft_product.documents.order_by("pk")
    stored = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post(reverse("products:document_remove", args=[draft_product.pk, first.pk]),
                           follow=True).content.decode()
    assert "Đã gỡ “a.pdf” khỏi hồ sơ" in body and list(draft_product.documents.all()) == [second]
    assert not first.file.storage.exists(stored)
    removed = DossierDocument.history.filter(id=first.pk, history_type="-").get()
    assert removed.history_user == producer_user
    draft_product.description = "Chè xanh"
    draft_product.save()
    services.submit_dossier(draft_product, actor=producer_user)
    body = client.post(reverse("products:document_remove", args=[draft_product.pk, second.pk]),
                       follow=True).content.decode()
    assert "Hồ sơ đã nộp; không thể thay đổi" in body and draft_product.documents.count() == 1


def test_officials_and_other_producers_remove_no_document(login, producer_user, other_producer_user,
                                                           official_user, draft_product):
    upload(login(producer_user), draft_product, "a.pdf", PDF)
    document = draft_product.documents.get()
    url = reverse("products:document_remove", args=[draft_product.pk, document.pk])
    assert login(official_user).post(url).status_code == 403
    assert login(other_producer_user).post(url).status_code == 404
    assert draft_product.documents.count() == 1


def test_the_product_page_completes_description_and_dossier(login, producer_user, draft_product):
    body = login(producer_user).get(reverse("products:product", args=[draft_product.pk])).content.decode()
    assert reverse("products:edit", args=[draft_product.pk]) in body and 'name="description"' in body
    assert reverse("products:document_add", args=[draft_product.pk]) in body


# --- producers help themselves: re-evaluation ----------------------------------------------------

def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days)


@pytest.fixture
def expiring(producer):
    """Recognised almost three years ago: its certificate ends within six months."""
    product = ProductFactory(producer=producer, name="Chè sắp hết hạn", group=tea_group("2026"))
    recognise(product, stars=4, signed_on=years_ago(3, days=60))  # 148's sheets: 60 points make no star
    return product


def test_a_producer_asks_for_re_evaluation_within_six_months_of_expiry(login, producer_user, staff_user, expiring):
    client = login(producer_user)
    body = client.post(reverse("products:reevaluation", args=[expiring.pk]),
                       {"comment": "Đã cải tiến bao bì"}, follow=True).content.decode()
    assert "Đã gửi đề nghị đánh giá lại" in body
    event = expiring.dossier_events.get(kind=DossierEvent.Kind.REEVALUATION)
    assert event.actor == producer_user and event.comment == "Đã cải tiến bao bì"
    again = client.post(reverse("products:reevaluation", args=[expiring.pk]), follow=True).content.decode()
    assert "Đã có đề nghị đánh giá lại" in again
    queue = login(staff_user).get(reverse("products:queue")).content.decode()
    assert "Chè sắp hết hạn" in queue and "Đã cải tiến bao bì" in queue


def test_staff_decline_a_request_which_leaves_the_queue(login, producer_user, staff_user, expiring):
    services.request_reevaluation(expiring, actor=producer_user)
    client = login(staff_user)
    client.post(reverse("products:return", args=[expiring.pk]), {"comment": "Chưa đủ điều kiện"})
    expiring.refresh_from_db()
    assert expiring.status == ProductStatus.DECIDED
    assert "Chè sắp hết hạn" not in client.get(reverse("products:queue")).content.decode()


def test_an_expired_product_may_ask(producer_user, producer):
    product = ProductFactory(producer=producer, group=tea_group("2026"))
    recognise(product, stars=3, signed_on=years_ago(4))
    assert services.reevaluation_refusal(product) == ""


def test_re_evaluation_is_refused_too_early_or_without_certificate(login, producer_user, product, draft_product):
    client = login(producer_user)
    body = client.post(reverse("products:reevaluation", args=[product.pk]), follow=True).content.decode()
    assert "Có thể đề nghị đánh giá lại từ sáu tháng trước" in body
    client.post(reverse("products:reevaluation", args=[draft_product.pk]))
    assert not DossierEvent.objects.filter(kind=DossierEvent.Kind.REEVALUATION).exists()


def test_only_its_producer_asks_for_re_evaluation(login, staff_user, other_producer_user, expiring):
    assert login(other_producer_user).post(reverse("products:reevaluation", args=[expiring.pk])).status_code == 404
    login(staff_user).post(reverse("products:reevaluation", args=[expiring.pk]))
    assert not DossierEvent.objects.filter(kind=DossierEvent.Kind.REEVALUATION).exists()


# --- own profile ----------------------------------------------------------------------------------

def test_a_user_keeps_their_profile(login, producer_user):
    client = login(producer_user)
    body = client.post(reverse("profile"), {"first_name": "Minh", "last_name": "Lò Văn", "email": "minh@htx.vn",
                                            "phone": "0912 345 678"}, follow=True).content.decode()
    producer_user.refresh_from_db()
    assert "Đã lưu thông tin cá nhân" in body
    assert (producer_user.email, producer_user.phone) == ("minh@htx.vn", "0912 345 678")


def test_a_profile_refuses_another_accounts_email_and_a_bad_phone(login, producer_user, staff_user):
    staff_user.email = "canbo@laichau.gov.vn"
    staff_user.save()
    body = login(producer_user).post(reverse("profile"), {"email": "CANBO@laichau.gov.vn",
                                                          "phone": "<script>"}).content.decode()
    assert "đã được một tài khoản khác sử dụng" in body and "Chỉ dùng chữ số" in body
    producer_user.refresh_from_db()
    assert producer_user.email != "CANBO@laichau.gov.vn"


def test_a_user_changes_their_password_and_stays_logged_in(login, producer_user):
    client = login(producer_user)
    wrong = client.post(reverse("profile"), {"old_password": "sai", "new_password1": "Che-Ta-Phin-2026",
                                             "new_password2": "Che-Ta-Phin-2026"})
    assert wrong.status_code == 200
    producer_user.refresh_from_db()
    assert producer_user.check_password("pw")
    client.post(reverse("profile"), {"old_password": "pw", "new_password1": "Che-Ta-Phin-2026",
                                     "new_password2": "Che-Ta-Phin-2026"})
    producer_user.refresh_from_db()
    assert producer_user.check_password("Che-Ta-Phin-2026")
    assert client.get(reverse("profile")).status_code == 200
