from django.urls import path

from exchange import views
from exchange.exports import views as export_views

app_name = "exchange"
urlpatterns = [
    path("exchange/imports/scores/<id:pk>/", views.ScoresUploadView.as_view(), name="scores_upload"),
    path("exchange/imports/scores/<id:pk>/template.xlsx", views.ScoresTemplateView.as_view(), name="scores_template"),
    path("exchange/imports/scores/<id:pk>/preview/<str:sha256>/", views.ScoresPreviewView.as_view(),
         name="scores_preview"),
    path("exchange/imports/registry/", views.RegistryUploadView.as_view(), name="registry_upload"),
    path("exchange/imports/registry/template.xlsx", views.RegistryTemplateView.as_view(), name="registry_template"),
    path("exchange/imports/registry/preview/<str:sha256>/", views.RegistryPreviewView.as_view(),
         name="registry_preview"),
    path("exports/recognised/", export_views.RecognisedExportView.as_view(), name="export_recognised"),
]
