"""URLs of the host site: the admin, the GraphQL gateway, and page redirects to the frontend."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import example_consumer

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The static example frontend (frontend_contract/example/), when DEBUG or
    # SERVE_EXAMPLE_CONSUMER is on; a 404 otherwise (decided per request, see the view).
    re_path(r"^example/(?P<path>.*)$", example_consumer, name="example-consumer"),
    path("", include("graphql_api.urls")),
    path("", include("special_issues.urls")),
    path("", TemplateView.as_view(template_name="cms/index.html"), name="home"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages are not rendered here: their URLs redirect to the frontend (FRONTEND_BASE_URL).
urlpatterns.append(path("", include(wagtail_urls)))
