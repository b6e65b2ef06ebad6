"""Admin for departments and roles, editable by the platform operator (第四、七、十、十六条)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Department, DepartmentRole
from .screening.viewsets import SensitiveWordViewSet


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


class DepartmentRoleViewSet(ModelViewSet):
    model = DepartmentRole
    icon = "user"
    menu_label = _("Department roles")
    form_fields = ["department", "user", "role"]
    list_display = ["department", "user", "role"]
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
    )
