"""Downloads of a round's papers, for whoever may see the round (staff and officials of its province,
administrators): the decision (PDF, DOCX) once decided; the minutes (PDF, DOCX) and the scoring sheets (PDF)
once the council has closed its scoring (one member's sheets a download: all of them, a page per member
and product, take too long for a request and are printed with `print_decision --sheets`)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from accounts.scoping import PermissionRequiredMixin
from certificates.papers import docx, pdf
from certificates.papers.records import is_decided
from evaluation.enums import RoundState
from evaluation.queries import rounds_for_user
from ocop.text import whole_number

CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
# (paper, format) → (writer, file name's start); the scoring sheets are printed and signed by hand: PDF only.
PAPERS = {
    ("decision", "pdf"): (pdf.decision_pdf, "quyet-dinh"),
    ("decision", "docx"): (docx.decision_docx, "quyet-dinh"),
    ("minutes", "pdf"): (pdf.minutes_pdf, "bien-ban"),
    ("minutes", "docx"): (docx.minutes_docx, "bien-ban"),
    ("sheets", "pdf"): (pdf.sheets_pdf, "phieu-cham-diem"),
}
CLOSED = {RoundState.SCORED, RoundState.DECIDED}


def available(round_, paper) -> bool:
    if paper == "decision":
        return is_decided(round_)
    return round_.state in CLOSED


@method_decorator(never_cache, name="dispatch")
class RoundPaperView(PermissionRequiredMixin, View):
    permission = "evaluation.view_evaluationround"

    def get(self, request, pk, paper, fmt):
        writer, stem = PAPERS.get((paper, fmt)) or (None, None)
        if writer is None:
            raise Http404
        round_ = get_object_or_404(rounds_for_user(request.user).select_related("district", "commune"), pk=pk)
        if not available(round_, paper):
            raise Http404
        name = f"{stem}-{round_.year}-dot-{round_.number}"
        if paper == "sheets":  # one member's (the whole council's, 7 × 23 pages, is the command's: --sheets)
            member = whole_number(request.GET.get("member"))
            if member is None or not round_.members.filter(pk=member).exists():
                raise Http404
            data = writer(round_, member)
            name += f"-tv{member}"
        else:
            data = writer(round_)
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
