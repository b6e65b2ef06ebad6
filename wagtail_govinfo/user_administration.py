"""What the platform operator may do in Wagtail's users admin (第四、十六条).

The operator group holds ``add_user`` and ``change_user`` so that it can keep ordinary
staff accounts. Wagtail's user forms would then let it create superusers, put anyone
into any group and set anyone's password, i.e. take over a reviewer's or leader's
account and sign in their name. These hooks refuse that server-side, whatever the form
shows, for every user who is not a superuser:

- superusers can be neither created nor edited nor changed by a bulk action;
- only the groups the operator may hand out (the operator and auditor groups) can be
  added; the staff and editors groups follow department roles
  (``permissions.sync_user_groups``) and no other group can be granted;
- nobody sets another person's password: an existing account gets a new password only
  through its owner (Wagtail's password reset by e-mail, if enabled). A new account may
  be given an initial password, as Wagtail requires one by default.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .conf import govinfo_settings


def operator_assignable_group_names():
    """Groups a non-superuser may add people to, or take them out of, in the users admin."""
    return {govinfo_settings.OPERATOR_GROUP, govinfo_settings.AUDITOR_GROUP}


def _refuse(request, message):
    messages.error(request, message)
    return redirect(reverse("wagtailusers_users:index"))


def _posted_group_ids(request):
    ids = set()
    for value in request.POST.getlist("groups"):
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            continue  # the form itself reports an invalid choice
    return ids


def _truthy(value):
    return str(value).lower() in ("on", "true", "1", "yes")


def group_change_problem(current_ids, wanted_ids):
    """A message if going from ``current_ids`` to ``wanted_ids`` adds a group that a
    non-superuser may not hand out, else None. (Leaving a group grants nothing; and the
    package's own form does not post the groups it does not offer.)"""
    changed = set(wanted_ids) - set(current_ids)
    if not changed:
        return None
    allowed = set(
        Group.objects.filter(name__in=operator_assignable_group_names()).values_list("pk", flat=True)
    )
    forbidden = Group.objects.filter(pk__in=changed - allowed).order_by("name")
    if not forbidden:
        return None
    return _(
        "Only a superuser may change membership of these groups: %(groups)s. Department "
        "roles give the editors and staff groups."
    ) % {"groups": "、".join(g.name for g in forbidden)}


def before_create_user(request):
    if request.user.is_superuser or request.method != "POST":
        return None
    if _truthy(request.POST.get("is_superuser", "")):
        return _refuse(request, _("Only a superuser may create an administrator (superuser)."))
    problem = group_change_problem(set(), _posted_group_ids(request))
    if problem:
        return _refuse(request, problem)
    return None


def before_edit_user(request, user):
    if request.user.is_superuser:
        return None
    if user.is_superuser:
        return _refuse(request, _("Only a superuser may change an administrator (superuser)."))
    if request.method != "POST":
        return None
    if _truthy(request.POST.get("is_superuser", "")):
        return _refuse(request, _("Only a superuser may make someone an administrator (superuser)."))
    if user.pk != request.user.pk and (request.POST.get("password1") or request.POST.get("password2")):
        return _refuse(
            request,
            _(
                "You may not set another person's password. They can reset it themselves "
                "through the password reset e-mail."
            ),
        )
    current = set(user.groups.values_list("pk", flat=True))
    problem = group_change_problem(current, _posted_group_ids(request))
    if problem:
        return _refuse(request, problem)
    return None


def before_delete_user(request, user):
    if not request.user.is_superuser and user.is_superuser:
        return _refuse(request, _("Only a superuser may change an administrator (superuser)."))
    return None


def before_bulk_action(request, action_type, objects, action_class_instance):
    if request.user.is_superuser or getattr(action_class_instance, "model", None) is not get_user_model():
        return None
    if any(getattr(obj, "is_superuser", False) for obj in objects):
        return _refuse(request, _("Only a superuser may change an administrator (superuser)."))
    if action_type == "assign_role":
        role = action_class_instance.cleaned_form.cleaned_data.get("role")
        if role is not None and role.name not in operator_assignable_group_names():
            return _refuse(
                request,
                _("Only a superuser may change membership of these groups: %(groups)s. Department "
                  "roles give the editors and staff groups.") % {"groups": role.name},
            )
    return None


# ---------------------------------------------------------------------------
# Optional: forms that do not even offer what the hooks above refuse. Installed by using
# ``wagtail_govinfo.users_apps.GovInfoUsersAppConfig`` instead of ``wagtail.users`` in
# INSTALLED_APPS (see docs/integrators/staff-accounts.md).

from wagtail.users.forms import UserCreationForm, UserEditForm  # noqa: E402
from wagtail.users.views import users as user_views  # noqa: E402


class _LimitedForNonSuperusers:
    """Drops the superuser flag and limits the groups for a non-superuser; on edit, also
    the password of another person. Groups the form does not offer are kept as they are."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limited = for_user is not None and not for_user.is_superuser
        if not self.limited:
            return
        self.fields.pop("is_superuser", None)
        if "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.filter(
                name__in=operator_assignable_group_names()
            ).order_by("name")
        if self.instance.pk and self.instance.pk != for_user.pk:
            self.fields.pop("password1", None)
            self.fields.pop("password2", None)

    @property
    def password_enabled(self):
        return super().password_enabled and "password1" in getattr(self, "fields", {"password1": None})

    def clean_groups(self):
        offered = self.cleaned_data.get("groups")
        if not self.limited or offered is None:
            return offered
        kept = Group.objects.none()
        if self.instance.pk:
            kept = self.instance.groups.exclude(name__in=operator_assignable_group_names())
        return Group.objects.filter(pk__in=[g.pk for g in offered] + [g.pk for g in kept])


class GovInfoUserCreationForm(_LimitedForNonSuperusers, UserCreationForm):
    pass


class GovInfoUserEditForm(_LimitedForNonSuperusers, UserEditForm):
    pass


class _ForUserMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class GovInfoUserCreateView(_ForUserMixin, user_views.CreateView):
    pass


class GovInfoUserEditView(_ForUserMixin, user_views.EditView):
    pass


class GovInfoUserViewSet(user_views.UserViewSet):
    add_view_class = GovInfoUserCreateView
    edit_view_class = GovInfoUserEditView

    def get_form_class(self, for_update=False):
        return GovInfoUserEditForm if for_update else GovInfoUserCreationForm
