from django.urls import path

from stats import views

app_name = "stats"
urlpatterns = [
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics/<slug:chart>.csv", views.ChartCsvView.as_view(), name="chart_csv"),
]
