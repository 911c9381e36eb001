"""Certificates are legal documents: shown read-only here; they change only through the services
(issue with the decision, revoke with a reason, supersede on re-evaluation)."""

from django.contrib import admin

from certificates.models import Certificate, CertificateNumbering, PrintJob
from certificates.queries import certificates_for_user, jobs_for_user
from ocop.admin_helpers import ReadOnlyAdmin


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "product_name", "producer_name", "stars", "issued_on", "expires_on", "state"]
    list_filter = ["state", "stars", "year", "province"]
    search_fields = ["number", "product_name", "producer_name"]

    def get_queryset(self, request):
        return certificates_for_user(request.user)


@admin.register(PrintJob)
class PrintJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "province", "year", "decision", "state", "done", "total", "attempts", "failure",
                    "requested_by"]

    def get_queryset(self, request):
        return jobs_for_user(request.user)


@admin.register(CertificateNumbering)
class CertificateNumberingAdmin(admin.ModelAdmin):
    list_display = ["province", "pattern"]
