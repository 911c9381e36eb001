#!/bin/sh
# Refresh the Vietnamese catalogue from the source and compile it. Fill new msgstr entries in
# locale/vi/LC_MESSAGES/django.po by hand; tests/ocop/test_i18n.py fails while any is empty.
# Django's own strings that users see but Django's catalogue lacks are listed in ocop/django_strings.py, so
# they are extracted (and translated) here too.
set -e
cd "$(dirname "$0")/.."
DEBUG=1 .venv/bin/python manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles
msgfmt --check -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po
