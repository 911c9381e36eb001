"""Pages under /programme/: plans and their progress, product ideas, points of sale, training and events."""

from programme.urls import ideas, outlets, plans, training

app_name = "programme"
urlpatterns = [*plans.urlpatterns, *ideas.urlpatterns, *outlets.urlpatterns, *training.urlpatterns]
