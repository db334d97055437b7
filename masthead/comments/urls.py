from django.urls import path

from masthead.comments import views

app_name = "comments"
urlpatterns = [
    path("post/", views.post, name="post"),
    path("<int:story_id>/form/", views.form_page, name="form"),
]
