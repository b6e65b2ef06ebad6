"""Admin URLs of the checks and reports, under ``/admin/govinfo/`` (namespace ``govinfo_checks``)."""

from django.urls import path

from . import gate_views, report_views, topic_views

app_name = "govinfo_checks"

urlpatterns = [
    path("topics/<int:pk>/archive/", topic_views.archive, name="topic_archive"),
    path("topics/<int:pk>/restore/", topic_views.restore, name="topic_restore"),
    path("pages/<int:pk>/withdraw/", gate_views.withdraw, name="withdraw"),
    path("reports/", report_views.index, name="reports"),
    path("reports/<int:pk>/download/", report_views.download, name="report_download"),
]
