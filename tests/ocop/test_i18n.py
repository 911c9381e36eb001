"""Vietnamese by default, English second, dd/mm/yyyy and Vietnamese numbers."""

import datetime
import gettext
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.db.models import CheckConstraint, UniqueConstraint
from django.urls import reverse
from django.utils import formats, translation


def test_every_vietnamese_message_is_translated():
    po = Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]
    untranslated = [e for e in entries if 'msgstr ""\n' in e + "\n" and e.rstrip().endswith('msgstr ""')]
    untranslated += [e for e in entries if 'msgstr[0] ""' in e and e.rstrip().endswith('msgstr[0] ""')]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert untranslated == [] and fuzzy == []
    # the compiled catalogue that Django reads holds every translation of the .po (it is not stale)
    mo = gettext.GNUTranslations(open(Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.mo"), "rb"))
    for entry in polib.pofile(str(Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po"))):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            assert mo.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0] \
                if entry.msgctxt else mo.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert mo.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert mo.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_pages_speak_vietnamese_by_default(client, product):
    body = client.get(reverse("products:registry")).content.decode()
    assert "Sản phẩm OCOP được công nhận" in body
    assert "Ủy ban nhân dân tỉnh Lai Châu" in body
    assert "Tìm thấy 1 sản phẩm" in body


def test_pages_switch_to_english(client, product):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("products:registry")).content.decode()
    assert "Recognised OCOP products" in body
    assert "1 product found" in body


def test_dates_and_numbers_are_vietnamese():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2020, 12, 13), "SHORT_DATE_FORMAT") == "13/12/2020"
        assert formats.number_format(16042.5, decimal_pos=2, use_l10n=True, force_grouping=True) == "16.042,50"


def test_browser_language_does_not_switch_away_from_vietnamese(client, product):
    body = client.get(reverse("products:registry"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Sản phẩm OCOP được công nhận" in body


def test_every_constraint_a_user_may_break_says_why_in_vietnamese():
    """Django's default, "Constraint “round_quorum_share” is violated.", names the constraint, not the rule."""

    generic = []
    for model in apps.get_models():
        if model._meta.app_label not in {"accounts", "geo", "products", "evaluation", "certificates", "portal"}:
            continue
        for constraint in model._meta.constraints:
            named_only = isinstance(constraint, CheckConstraint) or (
                isinstance(constraint, UniqueConstraint) and (constraint.condition or constraint.expressions))
            if not named_only:
                continue  # a plain unique constraint says "… with this name already exists."
            with translation.override("vi"):
                vietnamese = constraint.get_violation_error_message()
            with translation.override("en"):
                english = constraint.get_violation_error_message()
            if constraint.name in vietnamese or vietnamese == english:
                generic.append(constraint.name)
    assert generic == []
