"""Admin URLs of articles 8, 19, 21, 23 and 24, under ``/admin/govinfo/articles/``
(namespace ``govinfo_articles``)."""

from django.urls import path

from . import proposal_views, scope_request_views, submission_token_views

app_name = "govinfo_articles"

urlpatterns = [
    path("scope-requests/", scope_request_views.index, name="scope_requests"),
    path("scope-requests/new/", scope_request_views.create, name="scope_request_create"),
    path("scope-requests/<int:pk>/", scope_request_views.detail, name="scope_request"),
    path("proposals/", proposal_views.index, name="proposals"),
    path("proposals/new/", proposal_views.create, name="proposal_create"),
    path("proposals/<int:pk>/", proposal_views.detail, name="proposal"),
    path("submission-clients/", submission_token_views.index, name="submission_tokens"),
    path("submission-clients/new/", submission_token_views.create, name="submission_token_create"),
    path("submission-clients/<int:pk>/revoke/", submission_token_views.revoke, name="submission_token_revoke"),
]
