from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_govinfo.api import register_endpoints
from wagtail_govinfo.attachments.image_files import media_urlpatterns
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

# Everything under MEDIA_URL goes through wagtail-govinfo's image view: an image file
# (original or rendition) is served once the live version of some page or snippet uses
# it, to staff who may choose it before; anything else there is a 404. Documents go
# through /documents/ (Wagtail's serve view and the package's check); stored reports
# have no URL at all. A web server in front passes /media/ on, never serves MEDIA_ROOT.
urlpatterns += media_urlpatterns()
