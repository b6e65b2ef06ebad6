"""Public endpoints of the interaction module, included by ``wagtail_govinfo.urls``
under ``api/govinfo/``."""

from django.urls import path

from .api import MessageListView, MessageStatusView

urlpatterns = [
    path("messages/", MessageListView.as_view(), name="messages"),
    path("messages/<str:tracking_code>/", MessageStatusView.as_view(), name="message_status"),
]
