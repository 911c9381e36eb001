"""Project system checks (`manage.py check`; those marked deploy run with `check --deploy`)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.mail import DEFAULT_MAILER_ALIAS

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@register(Tags.mail, deploy=True)
def check_smtp_has_a_host(app_configs, **kwargs):
    """An SMTP backend with no host sends nothing: every e-mail (invitations, decisions) would stay in the outbox."""
    mailer = getattr(settings, "MAILERS", {}).get(DEFAULT_MAILER_ALIAS, {})
    if mailer.get("BACKEND", SMTP_BACKEND) != SMTP_BACKEND or mailer.get("OPTIONS", {}).get("host"):
        return []
    return [Error("EMAIL_BACKEND is the SMTP backend but EMAIL_HOST is not set: no e-mail can be sent.",
                  hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).",
                  id="ocop.E001")]


def _inside(path, folder) -> bool:
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


@register(Tags.files)
def check_private_media_is_not_public(app_configs, **kwargs):
    """Dossier files and batch PDFs live under PRIVATE_MEDIA_ROOT and are served only by views that check who asks;
    under MEDIA_ROOT or STATIC_ROOT (served to anyone) they would be public."""
    private = settings.PRIVATE_MEDIA_ROOT
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if private and public and (_inside(private, public) or _inside(public, private)):
            errors.append(Error(f"PRIVATE_MEDIA_ROOT ({private}) and {name} ({public}) overlap: private files "
                                "would be served to anyone.",
                                hint=f"Give PRIVATE_MEDIA_ROOT a folder of its own, outside {name}.",
                                id="ocop.E002"))
    return errors


@register(deploy=True)
def check_public_url_is_set(app_configs, **kwargs):
    """Requests know the address they were served at; commands run by cron (expiry e-mails) do not."""
    if settings.OCOP_PUBLIC_URL:
        return []
    return [Warning("OCOP_PUBLIC_URL is not set: links in e-mails sent by commands (notify_expiring) and "
                    "certificates printed by print_certificates point to http://127.0.0.1:8000.",
                    hint="Set OCOP_PUBLIC_URL to the public address, e.g. https://ocop.example.gov.vn.",
                    id="ocop.W001")]
