from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail_modeladmin.options import modeladmin_register

from . import panels, schedules
from .admin import LedgerAdminGroup
from .demo import demo_ledgers
from .setup import setup_ledgers
from .witness import EXPORTED_ACTION, VERIFICATION_FAILED_ACTION, VERIFIED_ACTION

modeladmin_register(LedgerAdminGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(EXPORTED_ACTION)
    class LedgerExported(LogFormatter):
        label = _("Export ledger")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            filters = "; ".join(f"{k}: {v}" for k, v in (data.get("filters") or {}).items())
            return gettext(
                "Exported %(rows)s entries to Excel (filters: %(filters)s; chain head %(head)s…)"
            ) % {
                "rows": data.get("rows", "?"),
                "filters": filters or gettext("none"),
                "head": (data.get("head_hash") or "")[:12],
            }


    @actions.register_action(VERIFIED_ACTION)
    class LedgerVerified(LogFormatter):
        label = _("Verify ledger")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return gettext("Verified %(count)s entries: chain intact (head %(head)s…)") % {
                "count": data.get("chain_length", "?"),
                "head": (data.get("head_hash") or "")[:12],
            }

    @actions.register_action(VERIFICATION_FAILED_ACTION)
    class LedgerVerificationFailed(LogFormatter):
        label = _("Ledger verification failed")

        def format_message(self, log_entry):
            return (log_entry.data or {}).get("detail", "")


hooks.register("govinfo_setup", setup_ledgers)
hooks.register("govinfo_setup", schedules.register_schedules)
hooks.register("construct_homepage_panels", panels.construct_panels)
hooks.register("govinfo_demo", demo_ledgers)
