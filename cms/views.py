"""Views of the host site itself (the apps' views live in the apps)."""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

EXAMPLE_CONSUMER_ROOT = Path(settings.BASE_DIR) / "frontend_contract" / "example"


def example_consumer(request: HttpRequest, path: str = "") -> HttpResponse:
    """The static example frontend in ``frontend_contract/example/``, for development.

    Served only when ``DEBUG`` or ``SERVE_EXAMPLE_CONSUMER`` is on. Both are read per
    request, not when the URLs are imported, so a test can switch the example on with
    ``override_settings`` / pytest-django's ``settings`` fixture. Anywhere else it is a
    404: production frontends live on their own site.
    """
    if not (settings.DEBUG or getattr(settings, "SERVE_EXAMPLE_CONSUMER", False)):
        raise Http404("The example consumer is served in development only.")
    # serve() refuses paths outside document_root; "" and "sub/" have no directory index.
    return serve(request, path or "index.html", document_root=EXAMPLE_CONSUMER_ROOT)
