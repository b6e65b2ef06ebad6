from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import admin_urls, checks_demo, gate_views, panels, report_views, returned, topic_views, user_administration
from .attachments.privacy import before_serve_document, rebuild_live_attachments
from .attachments.sources import attachment_screening_sources
from .private_files import move_reports_to_private_storage
from .schedules import register_schedules
from .screening.sources import SCREENING_SOURCES_HOOK
from .screening.wordlists import load_dictionary_sources
from .viewsets import GovInfoViewSetGroup
from .withdrawal import LOG_WITHDRAWN, WithdrawnFormatter
from .wagtail_hooks_articles import register_article_hooks

register_article_hooks()


@hooks.register("register_admin_viewset")
def register_viewsets():
    return GovInfoViewSetGroup()


@hooks.register("register_admin_viewset")
def register_person_chooser():
    from .people import person_chooser_viewset

    return person_chooser_viewset


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("wagtail_govinfo.topic_warned", _("Warn topic"), _("Topic warned: no update"))
    actions.register_action("wagtail_govinfo.topic_revoked", _("Revoke topic"), _("Topic revoked: no update"))
    actions.register_action("wagtail_govinfo.topic_archived", _("Archive topic"), _("Topic archived"))
    actions.register_action("wagtail_govinfo.topic_restored", _("Restore topic"), _("Topic restored"))
    actions.register_action(LOG_WITHDRAWN)(WithdrawnFormatter)
    actions.register_action(
        "wagtail_govinfo.report_downloaded", _("Download report"), _("Report downloaded")
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("govinfo/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return report_views.ReportsMenuItem()


hooks.register("govinfo_setup", register_schedules)
hooks.register("govinfo_demo", checks_demo.demo_stale_topic)
hooks.register("construct_homepage_panels", panels.construct_panels)
hooks.register("register_page_header_buttons", topic_views.header_buttons)
hooks.register("before_edit_page", topic_views.refuse_if_frozen)
hooks.register("before_delete_page", topic_views.refuse_if_frozen)
hooks.register("before_publish_page", topic_views.refuse_if_frozen)
hooks.register("before_unpublish_page", topic_views.refuse_if_frozen)
hooks.register("before_create_page", topic_views.before_create)
hooks.register("before_move_page", topic_views.before_move)
hooks.register("govinfo_setup", load_dictionary_sources)
hooks.register("register_page_header_buttons", gate_views.header_buttons)
hooks.register("construct_page_action_menu", gate_views.hide_publish_items)
hooks.register("construct_snippet_action_menu", gate_views.hide_snippet_publish_items)
hooks.register("before_edit_page", gate_views.refuse_publish_on_edit)
hooks.register("before_create_page", gate_views.refuse_create)
hooks.register("before_copy_page", gate_views.refuse_publishing_copies)
gate_views.register_bulk_actions()
gate_views.hide_unoffered_bulk_actions()
hooks.register("before_create_user", user_administration.before_create_user)
hooks.register("before_edit_user", user_administration.before_edit_user)
hooks.register("before_delete_user", user_administration.before_delete_user)
hooks.register("before_bulk_action", user_administration.before_bulk_action)
hooks.register("before_serve_document", before_serve_document)
hooks.register(SCREENING_SOURCES_HOOK, attachment_screening_sources)
hooks.register("govinfo_setup", rebuild_live_attachments)
hooks.register("construct_homepage_panels", gate_views.construct_panels)
hooks.register("govinfo_setup", move_reports_to_private_storage)
hooks.register("before_edit_page", returned.tell_editor_returned)
hooks.register("register_page_listing_buttons", topic_views.listing_buttons)
hooks.register("construct_explorer_page_queryset", topic_views.explorer_queryset)
