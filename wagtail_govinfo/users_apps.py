"""``wagtail.users`` with the operator's limits, as an app config a site may install.

Kept out of ``apps.py``: Django picks an app's config among the AppConfig classes of its
``apps`` module, and a second one there would displace the package's own.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class GovInfoUsersAppConfig(WagtailUsersAppConfig):
    """``wagtail.users`` with user forms that do not offer a non-superuser what
    wagtail-govinfo refuses (superuser flag, other groups, other people's passwords).
    Put ``"wagtail_govinfo.users_apps.GovInfoUsersAppConfig"`` in INSTALLED_APPS in place
    of ``"wagtail.users"``. The refusals themselves hold without it (hooks)."""

    user_viewset = "wagtail_govinfo.user_administration.GovInfoUserViewSet"
