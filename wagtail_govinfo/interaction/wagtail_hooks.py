from wagtail import hooks

from . import demo, log_formatters, overdue, panels, schedules, stats
from .viewsets import CitizenMessageViewSet


@hooks.register("register_admin_viewset")
def register_viewset():
    return CitizenMessageViewSet("govinfo_messages")


@hooks.register("govinfo_daily_checks")
def daily_checks():
    return [(overdue.CHECK_NAME, overdue.check_overdue_messages)]


hooks.register("register_log_actions", log_formatters.register_log_actions)
hooks.register("construct_homepage_panels", panels.construct_panels)
hooks.register("govinfo_setup", schedules.register_schedules)
hooks.register("govinfo_demo", demo.load)
hooks.register("govinfo_interaction_stats", stats.interaction_stats)
