from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_govinfo.api import register_endpoints
from wagtail_govinfo.openapi import schema_view

api_router = register_endpoints(WagtailAPIRouter("wagtailapi"))

# Headless: no wagtail_urls, the public front end reads the API.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/govinfo/", include("wagtail_govinfo.urls")),
    path("api/schema/", schema_view, name="govinfo_openapi_schema"),
]

# A database error outside a view is a 503 too (the middleware handles those in views).
handler500 = "wagtail_govinfo.middleware.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.SERVE_MEDIA:
    # Public media without a web server in front: images only. Documents go through
    # /documents/ (Wagtail's privacy checks); private files have no URL at all.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
