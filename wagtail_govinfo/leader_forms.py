"""Admin form of the leader profiles (第八条): the profile belongs to the department
``LEADER_DEPARTMENT`` names, whoever edits it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from .conf import govinfo_settings
from .models.departments import Department


class LeaderForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        department = Department.objects.filter(code=govinfo_settings.LEADER_DEPARTMENT).first()
        if department is None:
            raise ValidationError(
                _("The department with code “%(code)s” (LEADER_DEPARTMENT) does not exist: "
                  "the platform operator must create it first.")
                % {"code": govinfo_settings.LEADER_DEPARTMENT}
            )
        self.instance.submitting_department = department
        return cleaned
