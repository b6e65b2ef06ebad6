"""Admin for departments and roles, editable by the platform operator (第四、七、十、十六条)."""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Department, DepartmentRole, Role
from .names import display_name, display_name_with_username
from .people import person_chooser_viewset
from .screening.viewsets import AllowListEntryViewSet, SensitiveWordViewSet

ROLES_URL_NAMESPACE = "govinfo_department_roles"


def people_by_role(department):
    """``[{"role", "label", "people": [{"name", "username", "active", "edit_url", "delete_url"}],
    "add_url"}]`` for every role, in the order of ``Role`` (信息员, 保密审核人, 分管负责人,
    主要负责人), people by family name; one query."""
    rows = (
        DepartmentRole.objects.filter(department=department)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    by_role = {role: [] for role in Role.values}
    for row in rows:
        by_role.setdefault(row.role, []).append(
            {
                "name": display_name(row.user),
                "username": row.user.get_username(),
                "active": row.user.is_active,
                "edit_url": reverse(f"{ROLES_URL_NAMESPACE}:edit", args=[row.pk]),
                "delete_url": reverse(f"{ROLES_URL_NAMESPACE}:delete", args=[row.pk]),
            }
        )
    return [
        {
            "role": role,
            "label": Role(role).label,
            "people": by_role[role],
            "add_url": reverse(f"{ROLES_URL_NAMESPACE}:add")
            + "?"
            + urlencode({"department": department.pk, "role": role}),
        }
        for role in Role.values
    ]


class DepartmentEditView(generic.EditView):
    """The department's page: its fields, and below them its people by role."""

    template_name = "wagtail_govinfo/departments/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people_by_role"] = people_by_role(self.object)
        return context


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    form_fields = ["name", "code", "kind", "is_active"]
    # Booleans as a tick or cross, not "True"/"False".
    list_display = ["name", "code", "kind", BooleanColumn("is_active", label=_("active"))]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    add_to_admin_menu = False
    edit_view_class = DepartmentEditView


class PersonChoiceField(forms.ModelChoiceField):
    """People by name (王保密（wangbm）), ordered by family name, not bare usernames."""

    def label_from_instance(self, obj):
        return display_name_with_username(obj)


class DepartmentRoleForm(WagtailAdminModelForm):
    user = PersonChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username"),
        label=_("person"),
        # A chooser that finds people by name (姓名, given name, family name) or username.
        widget=person_chooser_viewset.widget_class(),
        help_text=_("Choose the person: search by name (e.g. 王保密) or username."),
    )

    class Meta:
        model = DepartmentRole
        fields = ["department", "user", "role"]


class DepartmentRoleCreateView(generic.CreateView):
    """Opened from a department's page: its department and role filled in already."""

    def get_initial(self):
        initial = super().get_initial()
        department = self.request.GET.get("department", "")
        if department.isdigit() and Department.objects.filter(pk=int(department)).exists():
            initial["department"] = int(department)
        if self.request.GET.get("role") in Role.values:
            initial["role"] = self.request.GET["role"]
        return initial

    def get_add_url(self):
        # The form posts back with the department it was opened from (see get_success_url).
        url = super().get_add_url()
        department = self.request.GET.get("department", "")
        if department.isdigit():
            url += ("&" if "?" in url else "?") + urlencode({"department": department})
        return url

    def get_success_url(self):
        # Back to the department's page when the role was added from there.
        department = getattr(self.object, "department_id", None)
        if self.request.GET.get("department") and department:
            return reverse("govinfo_departments:edit", args=[department])
        return super().get_success_url()


class DepartmentRoleViewSet(ModelViewSet):
    model = DepartmentRole
    icon = "user"
    menu_label = _("Department roles")
    form_fields = ["department", "user", "role"]
    list_display = ["department", Column("user", label=_("person"), accessor=lambda role: display_name_with_username(role.user)), "role"]

    add_view_class = DepartmentRoleCreateView

    def get_form_class(self, for_update=False):
        return DepartmentRoleForm
    list_filter = ["department", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "department__name"]


class GovInfoViewSetGroup(ModelViewSetGroup):
    menu_label = _("Government website")
    menu_icon = "site"
    menu_order = 250
    items = (
        DepartmentViewSet("govinfo_departments"),
        DepartmentRoleViewSet("govinfo_department_roles"),
        SensitiveWordViewSet("govinfo_sensitive_words"),
        AllowListEntryViewSet("govinfo_allow_list"),
    )
