"""Admin hooks of the articles 8, 12, 19, 21, 23 and 24 (leader profiles, out-of-scope
requests, proposals, the submission clients), kept apart from ``wagtail_hooks.py``."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet


def register_log_actions(actions):
    pass


def register_article_hooks():
    from wagtail.permissions import register_permission_policy

    from .leaders import LeaderPermissionPolicy, LeaderViewSet
    from .models import Leader

    register_permission_policy(Leader, LeaderPermissionPolicy(Leader), exact_class=True)
    register_snippet(LeaderViewSet)
    hooks.register("register_log_actions", register_log_actions)
