from wagtail import hooks

from . import demo, log_actions, setup
from .editing import warn_if_review_restarted

hooks.register("register_log_actions", log_actions.register)
hooks.register("govinfo_setup", setup.setup_workflow)
hooks.register("govinfo_demo", demo.load_demo)
hooks.register("after_edit_page", warn_if_review_restarted)
hooks.register("after_edit_snippet", warn_if_review_restarted)
