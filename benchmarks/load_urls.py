"""The example site's URLs plus plain Wagtail's pages endpoint at /api/plain/ (the anchor)."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from example_site.urls import handler500, urlpatterns as site_urlpatterns  # noqa: F401

plain_router = WagtailAPIRouter("plainapi")
plain_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/plain/", plain_router.urls), *site_urlpatterns]
