"""A site URLconf that forgot the media route (check wagtail_govinfo.E021)."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [path("admin/", include(wagtailadmin_urls))]
