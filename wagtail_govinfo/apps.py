from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailGovInfoConfig(AppConfig):
    name = "wagtail_govinfo"
    label = "wagtail_govinfo"
    verbose_name = _("Government website information")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

