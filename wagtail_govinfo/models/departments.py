"""Departments (各地、各部门) and the roles people hold in them (第四、七、十、十六条)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    GENERAL_OFFICE = "general_office", _("Municipal government general office")  # 市政府办公室
    BUREAU = "bureau", _("Commission, office or bureau")  # 委办局
    COUNTY = "county", _("County, city or district government")  # 县(市)区政府
    DEVELOPMENT_ZONE = "development_zone", _("Development zone committee")  # 开发区管委会
    OTHER = "other", _("Other")  # 其他


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")  # 信息员
    REVIEWER = "reviewer", _("Confidentiality reviewer")  # 保密审核人
    LEADER = "leader", _("Responsible leader")  # 分管负责人
    PRINCIPAL = "principal", _("Principal leader")  # 主要负责人


class DepartmentQuerySet(models.QuerySet):
    def for_user(self, user, role=None):
        """Departments in which ``user`` holds ``role`` (any role when None)."""
        if not user.is_authenticated:
            return self.none()
        roles = DepartmentRole.objects.filter(user=user)
        if role is not None:
            roles = roles.filter(role=role)
        return self.filter(pk__in=roles.values("department_id"))


class Department(models.Model):
    """A government body that provides and signs for website content (报送单位)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("short code"),
        max_length=32,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9_-]*$",
                _("Use lower-case letters, digits, '-' and '_' only."),
            )
        ],
        help_text=_("A stable identifier used in exports, commands and the API, e.g. 'fgw'."),
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=DepartmentKind.choices, default=DepartmentKind.BUREAU
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def members(self, role):
        """Users holding ``role`` in this department."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            govinfo_roles__department=self, govinfo_roles__role=role, is_active=True
        ).distinct()


class DepartmentRole(models.Model):
    """One role of one user in one department. A user can hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="govinfo_roles",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("department role")
        verbose_name_plural = _("department roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department", "role"], name="govinfo_unique_department_role"
            )
        ]
        ordering = ["department", "role", "user"]

    def __str__(self):
        from ..names import display_name

        return f"{self.department} · {self.get_role_display()} · {display_name(self.user)}"
