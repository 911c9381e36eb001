from django.urls import path

from evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_new"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("rounds/<int:pk>/state/", views.RoundStateView.as_view(), name="round_state"),
    path("rounds/<int:pk>/members/", views.MemberAddView.as_view(), name="member_add"),
    path("rounds/<int:pk>/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("rounds/<int:pk>/scores/", views.ScoreSheetView.as_view(), name="scores"),
    path("rounds/<int:pk>/scores/<int:enrolment>/", views.ScoreSheetView.as_view(), name="scores_product"),
    path("rounds/<int:pk>/corrections/<int:enrolment>/", views.CorrectionView.as_view(), name="correction"),
    path("rounds/<int:pk>/decision/", views.FinaliseView.as_view(), name="finalise"),
    path("rounds/<int:pk>/screening/", views.PublishScreeningView.as_view(), name="publish_screening"),
    path("rounds/<int:pk>/report/", views.RoundReportView.as_view(), name="report"),
    path("rounds/<int:pk>/report/print/", views.RoundReportPrintView.as_view(), name="report_print"),
]
