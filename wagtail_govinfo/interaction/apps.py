from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "wagtail_govinfo.interaction"
    label = "wagtail_govinfo_interaction"
    verbose_name = _("Interaction")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.checks import register
        from wagtail.permissions import register_permission_policy

        from .checks import check_rate_limit_cache
        from .models import CitizenMessage
        from .permissions import CitizenMessagePermissionPolicy

        register_permission_policy(CitizenMessage, CitizenMessagePermissionPolicy(CitizenMessage))
        register(check_rate_limit_cache)
