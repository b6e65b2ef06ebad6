"""Public HTTP endpoints of the package (``api/govinfo/``). The sub-apps add theirs here."""

from django.apps import apps
from django.urls import include, path

app_name = "wagtail_govinfo"

urlpatterns = [path("submissions/", include("wagtail_govinfo.submission_urls"))]  # 第十九条

if apps.is_installed("wagtail_govinfo.interaction"):
    try:
        from wagtail_govinfo.interaction import urls as interaction_urls
    except ImportError:  # the interaction module has no public endpoints yet
        interaction_urls = None
    if interaction_urls is not None:
        urlpatterns.append(path("", include(interaction_urls)))
