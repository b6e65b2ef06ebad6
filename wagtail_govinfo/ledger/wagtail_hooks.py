from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail_modeladmin.options import modeladmin_register

from .admin import LedgerAdminGroup
from .demo import demo_ledgers
from .export import EXPORTED_ACTION
from .panels import construct_panels
from .setup import setup_ledgers

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


hooks.register("govinfo_setup", setup_ledgers)
hooks.register("govinfo_demo", demo_ledgers)
hooks.register("construct_homepage_panels", construct_panels)
