from django.urls import path

from opendata import views

app_name = "opendata"
urlpatterns = [
    path("open-data/", views.OpenDataView.as_view(), name="index"),
]
