"""URLs of the host site: the admin, the GraphQL gateway, and page redirects to the frontend."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("graphql_api.urls")),
    path("", TemplateView.as_view(template_name="cms/index.html"), name="home"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages are not rendered here: their URLs redirect to the frontend (FRONTEND_BASE_URL).
urlpatterns.append(path("", include(wagtail_urls)))
