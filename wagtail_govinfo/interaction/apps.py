from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "wagtail_govinfo.interaction"
    label = "wagtail_govinfo_interaction"
    verbose_name = _("Interaction")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import CitizenMessage
        from .permissions import CitizenMessagePermissionPolicy

        register_permission_policy(CitizenMessage, CitizenMessagePermissionPolicy(CitizenMessage))
