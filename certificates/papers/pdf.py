"""The papers as PDF, with the certificates' WeasyPrint setup (same fonts, same fetcher: nothing but our font
files and data: URIs is ever loaded), always in Vietnamese."""

import unicodedata

from django.template.loader import render_to_string
from django.utils import translation

from certificates.papers.records import council_header, decision_paper, minutes_paper, sheets_paper
from certificates.rendering import FONT_DIR, _collector_paused, _fetcher, _font_config


def _pdf(template, context) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — WeasyPrint is heavy: loaded on the first render

    with translation.override("vi"):
        html = unicodedata.normalize("NFC", render_to_string(template, {"font_dir": FONT_DIR.resolve().as_uri(),
                                                                        **context}))
    with _collector_paused():
        return HTML(string=html, url_fetcher=_fetcher(), base_url=str(FONT_DIR)).write_pdf(
            font_config=_font_config())


def decision_pdf(round_) -> bytes:
    return _pdf("certificates/papers/decision.html", {"d": decision_paper(round_)})


def minutes_pdf(round_) -> bytes:
    return _pdf("certificates/papers/minutes.html", {"m": minutes_paper(round_)})


def sheets_pdf(round_, member_id=None) -> bytes:
    header_lines, place_date, _place = council_header(round_)
    _members, sheets = sheets_paper(round_, member_id)
    return _pdf("certificates/papers/sheets.html", {"sheets": sheets, "round": round_,
                                                     "header_lines": header_lines, "place_date": place_date})
