from django.urls import path

from masthead.humancheck import views

app_name = "humancheck"
urlpatterns = [
    path("challenge/", views.challenge, name="challenge"),
]
