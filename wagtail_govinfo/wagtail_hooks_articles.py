"""Admin hooks of articles 8, 12, 19, 21, 23 and 24 (leader profiles, out-of-scope
requests, proposals, the submission clients), kept apart from ``wagtail_hooks.py``."""

from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet


def register_log_actions(actions):
    from django.apps import apps
    from django.utils.translation import gettext_lazy as _

    from .proposals import LOG_ACTIONS as PROPOSAL_LOG_ACTIONS
    from .scope_requests import LOG_ACTIONS
    from .submission_api import LOG_ACTIONS as SUBMISSION_LOG_ACTIONS

    for action, label, message in LOG_ACTIONS + PROPOSAL_LOG_ACTIONS + SUBMISSION_LOG_ACTIONS:
        actions.register_action(action, label, message)
    if apps.is_installed("wagtail_govinfo.workflows"):
        from .workflows.recheck import LOG_RECHECK_SKIPPED, LOG_RECHECKED

        actions.register_action(LOG_RECHECKED, _("Re-check interpretation"), _("Interpretation re-checked by the drafting department"))
        actions.register_action(
            LOG_RECHECK_SKIPPED, _("Skip re-check"), _("Re-check by a drafting department not needed")
        )


def register_admin_urls():
    from . import articles_admin_urls

    return [path("govinfo/articles/", include(articles_admin_urls))]


def scope_requests_menu_item():
    from .scope_request_views import ScopeRequestsMenuItem

    return ScopeRequestsMenuItem()


def proposals_menu_item():
    from .proposal_views import ProposalsMenuItem

    return ProposalsMenuItem()


def submission_tokens_menu_item():
    from .submission_token_views import SubmissionTokensMenuItem

    return SubmissionTokensMenuItem()


def daily_checks():
    from .scope_requests import daily_checks

    return daily_checks()


def after_create_page(request, page):
    from .scope_requests import link_created_page

    link_created_page(request, page.specific)


def quarterly_sheet(period, today):
    from .scope_requests import quarterly_sheet

    return quarterly_sheet(period, today)


def before_sign_off(revision):
    from .interpretations import before_sign_off

    return before_sign_off(revision)


def before_publish_page(request, page):
    from .interpretations import before_publish_page

    return before_publish_page(request, page)


def register_article_hooks():
    from wagtail.permissions import register_permission_policy

    from .leaders import LeaderPermissionPolicy, LeaderViewSet
    from .models import Leader

    register_permission_policy(Leader, LeaderPermissionPolicy(Leader), exact_class=True)
    register_snippet(LeaderViewSet)
    hooks.register("register_log_actions", register_log_actions)
    hooks.register("register_admin_urls", register_admin_urls)
    hooks.register("register_admin_menu_item", scope_requests_menu_item)
    hooks.register("register_admin_menu_item", proposals_menu_item)
    hooks.register("register_admin_menu_item", submission_tokens_menu_item)
    hooks.register("govinfo_daily_checks", daily_checks)
    hooks.register("after_create_page", after_create_page)
    hooks.register("govinfo_quarterly_sheets", quarterly_sheet)
    hooks.register("govinfo_before_sign_off", before_sign_off)
    hooks.register("before_publish_page", before_publish_page)
