from django.urls import path

from programme.views import outlets as views

urlpatterns = [
    path("programme/points-of-sale/", views.PointListView.as_view(), name="points_of_sale"),
    path("programme/points-of-sale/new/", views.PointCreateView.as_view(), name="point_of_sale_new"),
    path("programme/points-of-sale/<id:pk>/", views.PointDetailView.as_view(), name="point_of_sale"),
    path("programme/points-of-sale/<id:pk>/edit/", views.PointEditView.as_view(), name="point_of_sale_edit"),
    path("programme/points-of-sale/<id:pk>/check/", views.PointCheckView.as_view(), name="point_of_sale_check"),
    path("programme/points-of-sale/<id:pk>/close/", views.PointCloseView.as_view(), name="point_of_sale_close"),
]
