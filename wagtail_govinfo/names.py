"""People's names as a Chinese government office writes them: 姓名, family name first,
no space (王保密), on every screen, e-mail, ledger, report and sheet of the package.

Django's ``get_full_name()`` (and so Wagtail's ``get_user_display_name``) joins
``first_name last_name`` with a space, which reads "保密 王". Wagtail 8 has no hook or
setting for the display name, and the package must work with any user model, so it
changes neither: the package shows people through ``display_name(user)``, in templates
through the ``govinfo_name`` filter (``{% load govinfo_names %}``).

A name in Latin script stays "First Last"; a user without names shows the username.
"""

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def display_name(user):
    """``user``'s name for people to read: 姓名 for a Chinese name ("王保密"), "First Last"
    otherwise, the username if there is no name; "" for None."""
    if user is None:
        return ""
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first and last and (_CJK.search(first) or _CJK.search(last)):
        return f"{last}{first}"
    full_name = ""
    get_full_name = getattr(user, "get_full_name", None)
    if callable(get_full_name):
        full_name = (get_full_name() or "").strip()
    if full_name:
        return full_name
    get_username = getattr(user, "get_username", None)
    return get_username() if callable(get_username) else str(user)


def display_name_with_username(user):
    """``王保密（wangbm）``: for pickers, where two people may share a name."""
    if user is None:
        return ""
    name = display_name(user)
    username = user.get_username()
    return name if name == username else f"{name}（{username}）"


# ---------------------------------------------------------------------------
# Wagtail's own screens (installed by ``wagtail_govinfo.locale_overrides``).

#: The Wagtail modules that build a person's name in Python through
#: ``wagtail.admin.utils.get_user_display_name``, imported by name: the user listing and
#: its edit/delete titles, the lock messages ("锁定者"), the "edited by" filters, editing
#: sessions, and the ``user_display_name`` template filter (comment authors, revisions,
#: status panels). ``tests/core/test_names_in_wagtail.py`` fails when Wagtail adds another.
WAGTAIL_NAME_MODULES = (
    "wagtail.admin.utils",
    "wagtail.admin.templatetags.wagtailadmin_tags",
    "wagtail.admin.filters",
    "wagtail.admin.views.editing_sessions",
    "wagtail.users.views.users",
    "wagtail.locks",
)


def wagtail_display_name(user):
    """Wagtail's ``get_user_display_name`` with the name as :func:`display_name` writes it;
    "" for anything that is not a user, as Wagtail's."""
    if user is None or not callable(getattr(user, "get_username", None)):
        return ""
    return display_name(user)


def install_wagtail_display_name():
    """Make Wagtail show people as 姓名 where it builds the name in Python.

    Wagtail 8 has no setting or hook for the name it displays. Rather than a custom user
    model or a patched ``get_full_name`` (both belong to the site), the package rebinds
    Wagtail's own display-name function in the modules that use it, and the audit log's
    ``user_display_name`` (history, site history, workflow history). Latin names and users
    without names read as before. Idempotent.
    """
    import importlib

    from django.utils.functional import cached_property
    from wagtail.models.audit_log import BaseLogEntry

    for module_name in WAGTAIL_NAME_MODULES:
        module = importlib.import_module(module_name)
        if hasattr(module, "get_user_display_name"):
            module.get_user_display_name = wagtail_display_name

    _install_sidebar_name()

    current = BaseLogEntry.__dict__.get("user_display_name")
    if getattr(getattr(current, "func", None), "govinfo_names", False):
        return
    original = current.func

    def user_display_name(self):
        user = self.user if self.user_id else None
        return display_name(user) if user is not None else original(self)

    user_display_name.govinfo_names = True
    prop = cached_property(user_display_name)
    prop.__set_name__(BaseLogEntry, "user_display_name")
    BaseLogEntry.user_display_name = prop


def _install_sidebar_name():
    """The sidebar's account menu greets ``first_name`` ("运维"): a Chinese name there is the
    whole 姓名 ("周运维"); other names stay as Wagtail shows them."""
    from wagtail.admin.ui.sidebar import MainMenuModule

    original = MainMenuModule.js_args
    if getattr(original, "govinfo_names", False):
        return

    def js_args(self):
        args = original(self)
        name = display_name(self.user)
        if _CJK.search(name):
            args[2]["name"] = name
        return args

    js_args.govinfo_names = True
    MainMenuModule.js_args = js_args
