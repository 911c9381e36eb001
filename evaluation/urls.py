from django.urls import path

from evaluation import member_views, views

app_name = "evaluation"
urlpatterns = [
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_new"),
    path("rounds/<id:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("rounds/<id:pk>/state/", views.RoundStateView.as_view(), name="round_state"),
    path("rounds/<id:pk>/history/", views.RoundHistoryView.as_view(), name="round_history"),
    path("rounds/<id:pk>/edit/", views.RoundEditView.as_view(), name="round_edit"),
    path("rounds/<id:pk>/members/", views.MemberAddView.as_view(), name="member_add"),
    path("rounds/<id:pk>/members/<id:member>/", views.MemberActionView.as_view(), name="member"),
    path("rounds/<id:pk>/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("rounds/<id:pk>/scores/", views.ScoreSheetView.as_view(), name="scores"),
    path("rounds/<id:pk>/scores/<id:enrolment>/", views.ScoreSheetView.as_view(), name="scores_product"),
    path("rounds/<id:pk>/corrections/<id:enrolment>/", views.CorrectionView.as_view(), name="correction"),
    path("rounds/<id:pk>/decision/", views.FinaliseView.as_view(), name="finalise"),
    path("rounds/<id:pk>/screening/", views.PublishScreeningView.as_view(), name="publish_screening"),
    path("rounds/<id:pk>/report/", views.RoundReportView.as_view(), name="report"),
    path("rounds/<id:pk>/report/print/", views.RoundReportPrintView.as_view(), name="report_print"),
    # council members scoring on their own device (evaluation/member_views.py)
    path("rounds/<id:pk>/council-online/", member_views.CouncilOnlineView.as_view(), name="council_online"),
    path("rounds/<id:pk>/council-online/status.json", member_views.CouncilStatusView.as_view(),
         name="council_status"),
    path("council/link/<str:token>/", member_views.MemberLinkView.as_view(), name="member_link"),
    path("council/", member_views.MemberHomeView.as_view(), name="member_home"),
    path("council/products/<id:enrolment>/", member_views.MemberProductView.as_view(), name="member_product"),
    path("council/submit/", member_views.MemberSubmitView.as_view(), name="member_submit"),
    path("council/leave/", member_views.MemberLeaveView.as_view(), name="member_leave"),
]
