from django.urls import path, re_path

from masthead.newsletter import views
from masthead.newsletter.bounces import provider_webhook_urls

app_name = "newsletter"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    re_path(r"^(?P<day>\d{4}-\d{2}-\d{2})/$", views.archive, name="archive"),
    *provider_webhook_urls(),
]
