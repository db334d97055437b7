from django.urls import path

from masthead.bylines import views

app_name = "bylines"
urlpatterns = [
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("agencies/<slug:slug>/", views.agency_page, name="agency"),
]
