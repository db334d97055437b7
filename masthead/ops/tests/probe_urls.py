from importlib import import_module

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from masthead.urls import handler500  # noqa: F401 - the same outage pages
from masthead.urls import urlpatterns as site_urlpatterns


@csrf_exempt
@require_POST
def write(request):
    """Store the posted token in a new session row; 201 with its key once it is committed."""
    token = request.POST.get("token", "")
    if not token:
        return HttpResponseBadRequest("token missing")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["token"] = token
    store.create()
    return JsonResponse({"key": store.session_key}, status=201)


urlpatterns = [path("_probe/write", write), *site_urlpatterns]
