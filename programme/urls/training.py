"""Training courses (/programme/training/) and promotion events (/programme/events/)."""

from django.urls import path

from programme.views import training as views

urlpatterns = [
    path("programme/training/", views.CourseListView.as_view(), name="courses"),
    path("programme/training/new/", views.CourseCreateView.as_view(), name="course_new"),
    path("programme/training/<id:pk>/", views.CourseDetailView.as_view(), name="course"),
    path("programme/training/<id:pk>/edit/", views.CourseEditView.as_view(), name="course_edit"),
    path("programme/training/<id:pk>/attendees/", views.AttendeeAddView.as_view(), name="course_attendee_add"),
    path("programme/training/<id:pk>/attendees/<id:attendee>/remove/", views.AttendeeRemoveView.as_view(),
         name="course_attendee_remove"),
    path("programme/events/", views.EventListView.as_view(), name="events"),
    path("programme/events/new/", views.EventCreateView.as_view(), name="event_new"),
    path("programme/events/<id:pk>/", views.EventDetailView.as_view(), name="event"),
    path("programme/events/<id:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
]
