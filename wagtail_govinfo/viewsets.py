"""Admin for departments and roles, editable by the platform operator (第四、七、十、十六条)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Department, DepartmentRole
from .names import display_name_with_username
from .screening.viewsets import AllowListEntryViewSet, SensitiveWordViewSet


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


class PersonChoiceField(forms.ModelChoiceField):
    """People by name (王保密（wangbm）), ordered by family name, not bare usernames."""

    def label_from_instance(self, obj):
        return display_name_with_username(obj)


class DepartmentRoleForm(WagtailAdminModelForm):
    user = PersonChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username"),
        label=_("person"),
        help_text=_("Type the first characters of the name or username to jump to the person."),
    )

    class Meta:
        model = DepartmentRole
        fields = ["department", "user", "role"]


class DepartmentRoleViewSet(ModelViewSet):
    model = DepartmentRole
    icon = "user"
    menu_label = _("Department roles")
    form_fields = ["department", "user", "role"]
    list_display = ["department", Column("user", label=_("person"), accessor=lambda role: display_name_with_username(role.user)), "role"]

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
