"""URLs of the submission API (included by ``wagtail_govinfo.urls`` under ``submissions/``)."""

from django.urls import path

from . import submission_api as views

urlpatterns = [
    path("columns/", views.ColumnsView.as_view(), name="submission_columns"),
    path("pages/", views.PagesView.as_view(), name="submission_pages"),
    path("pages/<int:pk>/", views.PageView.as_view(), name="submission_page"),
    path("pages/<int:pk>/submit/", views.SubmitView.as_view(), name="submission_submit"),
    path("pages/<int:pk>/publish/", views.PublishView.as_view(), name="submission_publish"),
]
