"""Django's own strings that users meet are Vietnamese (ocop/django_strings.py feeds them to our catalogue)."""

from pathlib import Path

import django
import polib
import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from products.models import Producer

DJANGO = Path(django.__file__).parent
OURS = Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po")


def _key(entry):
    return entry.msgctxt, entry.msgid, entry.msgid_plural


def test_every_listed_django_string_is_still_one_of_djangos():
    """An upgrade of Django that rewords a string shows up here rather than as English on a page."""
    theirs = set()
    for part in ("conf", "contrib/admin", "contrib/auth"):
        theirs |= {_key(e) for e in polib.pofile(str(DJANGO / part / "locale/en/LC_MESSAGES/django.po"))}
    listed = [e for e in polib.pofile(str(OURS)) if any(f == "ocop/django_strings.py" for f, _ in e.occurrences)]
    assert len(listed) > 60
    assert [e.msgid for e in listed if _key(e) not in theirs] == []


def _errors(field, value):
    with pytest.raises(ValidationError) as refused:
        field.clean(value)
    return refused.value.messages


def test_defect_6_django_form_errors_are_vietnamese():
    with translation.override("vi"):
        assert _errors(forms.IntegerField(), "abc") == ["Hãy nhập một số nguyên."]
        assert _errors(forms.IntegerField(max_value=5), "9") == ["Giá trị này phải nhỏ hơn hoặc bằng 5."]
        assert _errors(forms.CharField(), "a\x00b") == ["Không được dùng ký tự null."]
        assert _errors(forms.CharField(max_length=3), "abcd") == ["Giá trị này chỉ được có tối đa 3 ký tự (hiện có 4)."]
        assert _errors(forms.DecimalField(max_digits=3, decimal_places=1), "1.25") == [
            "Số này chỉ được có tối đa 1 chữ số thập phân."]
        # the empty choice of every select built from a model field's choices
        assert Producer._meta.get_field("legal_type").formfield().choices[0] == ("", "— Chọn —")


def test_defect_6_password_validator_errors_are_vietnamese(client, producer_user):
    producer_user.set_unusable_password()
    producer_user.save()
    url = reverse("accounts:set_password", args=[urlsafe_base64_encode(force_bytes(producer_user.pk)),
                                                  default_token_generator.make_token(producer_user)])
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    body = client.post(form_url, {"new_password1": "chuthe", "new_password2": "chuthe"}).content.decode()
    assert "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in body
    assert "Mật khẩu quá giống với tên đăng nhập." in body
    assert "too short" not in body


def test_defect_6_admin_says_please_correct_the_errors_in_vietnamese(login, admin_user):
    client = login(admin_user)
    body = client.post(reverse("admin:products_productgroup_add"), {}).content.decode()
    assert "Hãy sửa các lỗi dưới đây." in body
    assert "Please correct" not in body


def test_defect_6_the_back_office_is_not_called_django_administration(login, admin_user):
    body = login(admin_user).get(reverse("admin:index")).content.decode()
    assert "Cơ sở dữ liệu sản phẩm OCOP — trang quản trị" in body
    assert "Django" not in body
