from django.urls import path

from exchange.exports import views as export_views

app_name = "exchange"
urlpatterns = [
    path("exports/recognised/", export_views.RecognisedExportView.as_view(), name="export_recognised"),
]
