from django.urls import path

from masthead.votes import views

app_name = "votes"
urlpatterns = [
    path("<int:story_id>/", views.cast, name="cast"),
    path("<int:story_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:story_id>/state/", views.state, name="state"),
]
