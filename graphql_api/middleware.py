"""``CachedAnswerMiddleware``: cached persisted GETs answered before the rest of the stack.

A frontend's (or a CDN's) common request is a persisted GET whose answer is cached. The
view answers it from the cache already (``SpecialIssuesGraphQLView.cached_persisted_get``),
but only after sessions, CSRF, authentication, messages, the URL resolver and the view's
set-up have run, which cost more than the cache read itself. This middleware makes the same
lookup first, as Django's per-site cache does, so a hit costs the cache read and the
middleware above it. The answer is the same entry, with the same headers and ETag; a miss
goes on to the view, which computes and stores it without a second lookup.

Optional: without it the view answers the same requests from the same entries. Put it after
``CorsMiddleware``, ``SecurityMiddleware``, ``CommonMiddleware`` (which refuses a disallowed
Host first) and ``XFrameOptionsMiddleware``, whose headers a hit keeps, and before
``SessionMiddleware``::

    "graphql_api.middleware.CachedAnswerMiddleware",

A request with a session cookie is left to the view (``caching.signed_in``): only after
authentication can a signed-in editor, who is never served the public answer, be told
from a visitor with a stale cookie. The gateway's
URL is found by its name, ``graphql`` (``graphql_api.urls``); if it cannot be reversed
(included under a namespace, say) the middleware passes every request on.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, get_script_prefix, resolve, reverse

from graphql_api.views import SpecialIssuesGraphQLView


class CachedAnswerMiddleware:
    """Answers ``GET /graphql/?id=…`` from the response cache when it holds the answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Script prefix -> (the gateway's path, a view instance); the instance holds no
        # per-request state (Django makes one per request only to carry ``request``).
        self._gateways: dict[str, tuple[str, SpecialIssuesGraphQLView] | None] = {}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET":
            gateway = self._gateway()
            if gateway is not None and request.path == gateway[0]:
                response = gateway[1].answer_from_cache(request)
                if response is not None:
                    return response
        return self.get_response(request)

    def _gateway(self) -> tuple[str, SpecialIssuesGraphQLView] | None:
        prefix = get_script_prefix()
        try:
            return self._gateways[prefix]
        except KeyError:
            pass
        gateway = None
        try:
            path = reverse("graphql")
        except NoReverseMatch:
            path = None
        if path is not None:
            view = resolve(path[len(prefix) - 1 :]).func
            view_class = getattr(view, "view_class", None)
            if view_class is not None and issubclass(view_class, SpecialIssuesGraphQLView):
                gateway = (path, view_class(**view.view_initkwargs))
        self._gateways[prefix] = gateway
        return gateway
