"""The floor the site is measured against: Django answering one tiny view, with nothing
else (no middleware, no database), under the same gunicorn settings as the site."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-" + "x" * 50,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><title>Bare</title><p>Hello.</p>")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
