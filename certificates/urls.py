from django.urls import path

from certificates import views
from certificates.papers.views import RoundPaperView

app_name = "certificates"
urlpatterns = [
    path("verify/", views.VerifyView.as_view(), name="verify_search"),
    path("verify/<str:number>/", views.VerifyView.as_view(), name="verify"),
    path("certificates/", views.CertificateListView.as_view(), name="list"),
    path("certificates/print/", views.PrintStartView.as_view(), name="print"),
    path("certificates/jobs/<uuid:pk>/", views.PrintJobView.as_view(), name="job"),
    path("certificates/jobs/<uuid:pk>/status/", views.PrintJobStatusView.as_view(), name="job_status"),
    path("certificates/jobs/<uuid:pk>/download/", views.PrintJobDownloadView.as_view(), name="job_download"),
    path("certificates/<str:number>/pdf/", views.CertificatePdfView.as_view(), name="pdf"),
    path("certificates/<str:number>/revoke/", views.RevokeView.as_view(), name="revoke"),
    path("certificates/<str:number>/revoke/decline/", views.DeclineRevocationView.as_view(),
         name="decline_revocation"),
    path("certificates/<str:number>/request-revocation/", views.RevocationRequestView.as_view(),
         name="request_revocation"),
    path("rounds/<id:pk>/papers/<slug:paper>.<slug:fmt>", RoundPaperView.as_view(), name="round_paper"),
]
