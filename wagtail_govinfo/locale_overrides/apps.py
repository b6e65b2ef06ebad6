from django.apps import AppConfig


class LocaleOverridesConfig(AppConfig):
    name = "wagtail_govinfo.locale_overrides"
    label = "wagtail_govinfo_locale_overrides"
    # Not gettext: this app's code is kept out of every catalog (see the package docstring).
    verbose_name = "wagtail-govinfo: Chinese for Wagtail's admin"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from ..names import install_wagtail_display_name

        # People as 姓名 where Wagtail builds the name in Python (see names.py).
        install_wagtail_display_name()

        # Wagtail's login form declares its password field without a label, so Django
        # makes one from the field name ("Password"), which no catalog translates. Give it
        # Django's own translated label (密码).
        from django.contrib.auth.forms import AuthenticationForm
        from wagtail.admin.forms.auth import LoginForm

        password = LoginForm.base_fields.get("password")
        if password is not None and password.label is None:
            password.label = AuthenticationForm.base_fields["password"].label
