from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from accounts.scoping import PermissionRequiredMixin, StaffRequiredMixin
from certificates import services
from certificates.documents import pdf_bytes
from certificates.enums import JobState
from certificates.forms import DeclineRevocationForm, RevocationRequestForm, RevokeForm, VerifyForm
from certificates.models import RevocationRequest
from certificates.queries import (
    batch_certificates,
    certificate_or_404,
    certificates_for_user,
    find_certificate,
    jobs_for_user,
)
from evaluation.errors import EvaluationError
from evaluation.queries import rounds_for_user
from ocop.page_cache import for_visitors
from ocop.pagination import NearestPageMixin
from ocop.text import whole_number


@method_decorator(for_visitors, name="dispatch")
class VerifyView(TemplateView):
    """Public: is this certificate genuine and in force? No private data."""

    template_name = "certificates/verify.html"

    def get(self, request, *args, number=None, **kwargs):
        form = VerifyForm(request.GET or None)
        if number is None and form.is_valid():
            return redirect("certificates:verify", number=form.cleaned_data["number"].strip().upper())
        certificate = find_certificate(number) if number else None
        status = 404 if number and certificate is None else 200
        return self.render_to_response(self.get_context_data(form=form, number=number, certificate=certificate),
                                       status=status)


class CertificateListView(PermissionRequiredMixin, NearestPageMixin, ListView):
    template_name = "certificates/list.html"
    context_object_name = "certificates"
    paginate_by = 50

    def get_queryset(self):
        qs = certificates_for_user(self.request.user)
        year = whole_number(self.request.GET.get("year"))
        return qs.filter(year=year) if year else qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["years"] = sorted(set(certificates_for_user(self.request.user).values_list("year", flat=True)),
                              reverse=True)
        ctx["year"] = self.request.GET.get("year", "")
        return ctx


@method_decorator(never_cache, name="dispatch")
class CertificatePdfView(PermissionRequiredMixin, View):
    """One certificate's stored PDF (rendered and stored now only if it is missing), for whoever may see it
    (producer: only their own); private, so never stored by a browser's or a proxy's cache."""

    def get(self, request, number):
        certificate = certificate_or_404(certificates_for_user(request.user), number)
        response = HttpResponse(pdf_bytes(certificate), content_type="application/pdf")  # one page, tens of KB
        response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
        return response


class RevokeView(PermissionRequiredMixin, FormView):
    permission = "certificates.revoke_certificate"
    form_class = RevokeForm
    template_name = "certificates/revoke.html"

    def get_certificate(self):
        return certificate_or_404(certificates_for_user(self.request.user), self.kwargs["number"])

    def get_request(self):
        """Staff's open request to revoke this certificate, if there is one."""
        return (RevocationRequest.objects.filter(certificate=self.get_certificate(), declined_at__isnull=True)
                .select_related("requested_by").first())

    def get_initial(self):
        """The reason staff gave when they asked for the revocation, if they did: the official reads and edits it."""
        request = self.get_request()
        return {"reason": request.reason} if request else {}

    def get_context_data(self, **kwargs):
        request = self.get_request()
        kwargs.setdefault("decline_form", DeclineRevocationForm() if request else None)
        return super().get_context_data(certificate=self.get_certificate(), revocation_request=request, **kwargs)

    def form_valid(self, form):
        certificate = self.get_certificate()
        try:
            services.revoke_certificate(certificate, reason=form.cleaned_data["reason"], actor=self.request.user)
        except EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Certificate %(number)s was revoked.") % {"number": certificate.number})
        return redirect("certificates:verify", number=certificate.number)


class DeclineRevocationView(RevokeView):
    """The official keeps the certificate in force and declines staff's request, with a reason."""

    form_class = DeclineRevocationForm

    def get_initial(self):
        return {}

    def get(self, request, *args, **kwargs):
        return redirect("certificates:revoke", number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(decline_form=kwargs.pop("form"), form=RevokeForm(), **kwargs)

    def form_valid(self, form):
        request = self.get_request()
        if request is None:
            raise Http404
        try:
            services.decline_revocation_request(request, reason=form.cleaned_data["decline_reason"],
                                                actor=self.request.user)
        except EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The request to revoke certificate %(number)s was declined: it stays in "
                                         "force.") % {"number": request.certificate.number})
        return redirect("portal:dashboard")


class RevocationRequestView(StaffRequiredMixin, FormView):
    """Staff ask the province's officials to revoke a certificate in force; it waits in the officials' queue."""

    form_class = RevocationRequestForm
    template_name = "certificates/request_revocation.html"

    def get_certificate(self):
        return certificate_or_404(certificates_for_user(self.request.user), self.kwargs["number"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.get_certificate(), **kwargs)

    def form_valid(self, form):
        certificate = self.get_certificate()
        try:
            services.request_revocation(certificate, reason=form.cleaned_data["reason"], actor=self.request.user)
        except EvaluationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The revocation of certificate %(number)s was requested: it waits for an "
                                         "official.") % {"number": certificate.number})
        return redirect("certificates:list")


class PrintStartView(PermissionRequiredMixin, View):
    """Start a batch: every certificate of a decision (from its round page), or of a year."""

    permission = "certificates.print_certificates"

    def post(self, request):
        user = request.user
        if "round" in request.POST:
            round_ = get_object_or_404(rounds_for_user(user), pk=whole_number(request.POST["round"]) or 0)
            decision = getattr(round_, "decision", None)
            if decision is None:
                raise Http404
            job = services.start_print_job(actor=user, province=round_.province, decision=decision)
        else:
            year = whole_number(request.POST.get("year"))
            if not (year and user.province_id):
                raise Http404
            if not batch_certificates(province=user.province, year=year).exists():
                messages.error(request, _("There is no certificate to print."))
                return redirect("certificates:list")
            job = services.start_print_job(actor=user, province=user.province, year=year)
        return redirect("certificates:job", pk=job.pk)


class PrintJobView(PermissionRequiredMixin, TemplateView):
    permission = "certificates.print_certificates"
    template_name = "certificates/job.html"

    def get_context_data(self, **kwargs):
        services.recover_print_jobs()
        return super().get_context_data(job=get_object_or_404(jobs_for_user(self.request.user), pk=kwargs["pk"]),
                                        **kwargs)


@method_decorator(never_cache, name="dispatch")
class PrintJobStatusView(PermissionRequiredMixin, View):
    permission = "certificates.print_certificates"

    def get(self, request, pk):
        services.recover_print_jobs()  # a job whose worker died is queued again or failed, not "running" forever
        job = get_object_or_404(jobs_for_user(request.user), pk=pk)
        return JsonResponse({
            "state": job.state, "state_label": job.get_state_display(), "done": job.done, "total": job.total,
            "percent": job.percent, "error": job.error_message,
            "download": reverse("certificates:job_download", args=[job.pk]) if job.state == JobState.DONE else None,
        })


@method_decorator(never_cache, name="dispatch")
class PrintJobDownloadView(PermissionRequiredMixin, View):
    """The batch's PDF: private (never stored by a browser's or a proxy's cache)."""

    permission = "certificates.print_certificates"

    def get(self, request, pk):
        job = get_object_or_404(jobs_for_user(request.user), pk=pk, state=JobState.DONE)
        name = f"giay-chung-nhan-ocop-{job.decision.number if job.decision else job.year}.pdf".replace("/", "-")
        return FileResponse(job.file.open("rb"), content_type="application/pdf", filename=name, as_attachment=True)
