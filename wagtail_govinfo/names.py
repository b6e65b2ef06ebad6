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
