from django.urls import path

from programme.views import plans

urlpatterns = [
    path("programme/", plans.ProgrammeHomeView.as_view(), name="home"),
    path("programme/plans/new/", plans.PlanFormView.as_view(), name="plan_new"),
    path("programme/plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan"),
    path("programme/plans/<int:pk>/edit/", plans.PlanFormView.as_view(), name="plan_edit"),
    path("programme/plans/<int:pk>/picks/", plans.PlanPicksView.as_view(), name="plan_picks"),
    path("programme/plans/<int:pk>/report.pdf", plans.PlanReportView.as_view(), name="plan_report"),
]
