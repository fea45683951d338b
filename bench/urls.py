"""URLs of the benchmark site: the normal site plus the baselines it is compared with.

* ``/api/v2/``  Wagtail's REST API v2 (pages endpoint), see ``bench/rest_api.py``
* ``/bench/floor/…``  the hand-written floor views, see ``bench/floor_view.py``

They come before ``cms.urls``, whose last pattern sends every other path to Wagtail.
"""

from django.urls import include, path

from bench import floor_view
from bench.rest_api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/floor/issue/<slug:slug>/", floor_view.issue_page, name="floor-issue"),
    path("bench/floor/open-calls/", floor_view.open_calls, name="floor-open-calls"),
    path(
        "bench/floor-constant/issue/<slug:slug>/",
        floor_view.constant(floor_view.issue_page),
        name="floor-constant-issue",
    ),
    path(
        "bench/floor-constant/open-calls/",
        floor_view.constant(floor_view.open_calls),
        name="floor-constant-open-calls",
    ),
    path("", include("cms.urls")),
]
