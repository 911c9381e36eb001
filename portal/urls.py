from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [path("my/", views.DashboardView.as_view(), name="dashboard")]
