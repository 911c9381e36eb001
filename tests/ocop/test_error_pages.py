"""Error pages speak Vietnamese, like the rest of the site (DEBUG is off in tests, as in production)."""

from django.template import loader
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from products.views import HomeView


def test_a_missing_page_is_a_vietnamese_404_with_ways_back(client, db):
    response = client.get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body and "Ủy ban nhân dân tỉnh Lai Châu" in body
    assert reverse("products:registry") in body


def test_a_refusal_is_a_vietnamese_403(login, official_user):
    response = login(official_user).get(reverse("accounts:invite"))
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


def test_defect_6_a_bad_request_is_a_vietnamese_400(client, db):
    response = client.get("/", HTTP_HOST="gia-mao.example")  # not in ALLOWED_HOSTS
    body = response.content.decode()
    assert response.status_code == 400
    assert "Không hiểu được yêu cầu" in body and "Bad Request" not in body


def test_defect_6_too_many_fields_is_a_vietnamese_400(client, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post(reverse("login"), {f"f{i}": "x" for i in range(10)})
    assert response.status_code == 400
    assert "Không hiểu được yêu cầu" in response.content.decode()


def test_defect_6_a_refused_csrf_token_is_a_vietnamese_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "chuthe", "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in body and "CSRF" not in body and "Forbidden" not in body
    assert 'href="/login/"' in body


def test_defect_6_a_server_error_is_a_vietnamese_500(db, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(HomeView, "get", broken)
    response = Client(raise_request_exception=False).get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in body and "Server Error" not in body and "injected" not in body


def test_500_page_needs_no_database_nor_context(settings):
    """No `db` fixture: any query would fail the test. No request: no context processor can run."""
    settings.DEBUG = False
    with translation.override("vi"):
        assert "Hệ thống gặp lỗi" in loader.get_template("500.html").render()
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Hệ thống gặp lỗi" in response.content.decode()
