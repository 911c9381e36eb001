from django.urls import path

from programme.views import ideas

urlpatterns = [
    path("programme/ideas/", ideas.IdeaListView.as_view(), name="ideas"),
    path("programme/ideas/new/", ideas.IdeaCreateView.as_view(), name="idea_new"),
    path("programme/ideas/<id:pk>/", ideas.IdeaDetailView.as_view(), name="idea"),
    path("programme/ideas/<id:pk>/edit/", ideas.IdeaEditView.as_view(), name="idea_edit"),
    path("programme/ideas/<id:pk>/review/", ideas.IdeaReviewView.as_view(), name="idea_review"),
    path("programme/ideas/<id:pk>/producer/", ideas.IdeaProducerView.as_view(), name="idea_producer"),
    path("programme/ideas/<id:pk>/register/", ideas.IdeaRegisterView.as_view(), name="idea_register"),
    path("programme/communes/<id:pk>/ideas/", ideas.CommuneIdeasView.as_view(), name="commune_ideas"),
]
