from wagtail import hooks

from . import log_formatters
from .viewsets import CitizenMessageViewSet


@hooks.register("register_admin_viewset")
def register_viewset():
    return CitizenMessageViewSet("govinfo_messages")


hooks.register("register_log_actions", log_formatters.register_log_actions)
