from wagtail import hooks

from . import demo, log_actions, setup
from .editing import hide_restart_workflow, warn_if_review_restarted
from .notices import show_notice

hooks.register("register_log_actions", log_actions.register)
hooks.register("govinfo_setup", setup.setup_workflow)
hooks.register("govinfo_demo", demo.load_demo)
hooks.register("after_edit_page", warn_if_review_restarted)
hooks.register("after_edit_snippet", warn_if_review_restarted)
hooks.register("construct_page_action_menu", hide_restart_workflow)


@hooks.register("construct_homepage_panels")
def confirm_review_action(request, panels):
    show_notice(request)
