from django.urls import include, path
from wagtail import hooks

from . import admin_urls, demo, log_actions, setup, views
from .editing import hide_restart_workflow, warn_if_review_restarted
from .notices import show_notice

hooks.register("register_log_actions", log_actions.register)
hooks.register("govinfo_setup", setup.setup_workflow)
hooks.register("govinfo_demo", demo.load_demo)
hooks.register("after_edit_page", warn_if_review_restarted)
hooks.register("after_edit_snippet", warn_if_review_restarted)

from .publishing import revision_is_signed  # noqa: E402


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("govinfo-workflows/", include(admin_urls))]


hooks.register("govinfo_revision_signed", revision_is_signed)
hooks.register("register_page_header_buttons", views.header_buttons)
hooks.register("govinfo_demo_publish", demo.publish_demo_page)
hooks.register("construct_page_action_menu", hide_restart_workflow)


@hooks.register("construct_homepage_panels")
def confirm_review_action(request, panels):
    show_notice(request)
