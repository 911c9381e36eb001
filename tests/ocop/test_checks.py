"""The project's system checks refuse configurations that would lose e-mail or publish private files."""

from django.core.checks import run_checks

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def check_ids(deploy=True):
    return {message.id for message in run_checks(include_deployment_checks=deploy)}


def test_check_deploy_refuses_smtp_backend_without_host(settings):
    settings.MAILERS = {"default": {"BACKEND": SMTP, "OPTIONS": {"port": 587}}}
    assert "ocop.E001" in check_ids()
    settings.MAILERS = {"default": {"BACKEND": SMTP, "OPTIONS": {"host": "smtp.laichau.gov.vn", "port": 587}}}
    assert "ocop.E001" not in check_ids()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                                    "OPTIONS": {"file_path": "/tmp"}}}  # noqa: S108
    assert "ocop.E001" not in check_ids()


def test_private_media_inside_public_media_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "media" / "private"
    assert "ocop.E002" in check_ids(deploy=False)
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    assert "ocop.E002" not in check_ids(deploy=False)


def test_check_deploy_warns_when_the_public_url_is_not_set(settings):
    settings.OCOP_PUBLIC_URL = ""
    assert "ocop.W001" in check_ids()
    settings.OCOP_PUBLIC_URL = "https://ocop.laichau.gov.vn"
    assert "ocop.W001" not in check_ids()
