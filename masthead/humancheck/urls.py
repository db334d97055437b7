app_name = "humancheck"
urlpatterns = []
