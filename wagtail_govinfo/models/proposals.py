"""Proposals of new topics, new columns and redesigns (第二十一、二十四条)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .departments import Department
from .pages import ColumnKind


class ProposalKind(models.TextChoices):
    TOPIC = "topic", _("New topic (co-built with the platform operator)")  # 专题、专栏
    COLUMN = "column", _("New column")  # 新增栏目
    REDESIGN = "redesign", _("Redesign of a column")  # 改版


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the platform operator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Proposal(models.Model):
    """A department's proposal; the approved record is the record of co-building (第二十一条)."""

    department = models.ForeignKey(
        Department, verbose_name=_("proposing department"), on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ProposalKind.choices)
    title = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description and reasons"))
    parent = models.ForeignKey(
        "wagtail_govinfo.ColumnPage",
        verbose_name=_("where it goes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a topic, a topics column; for a new column, the column it goes under."),
    )
    column_kind = models.CharField(
        _("column kind"), max_length=32, choices=ColumnKind.choices, blank=True,
    )
    target = models.ForeignKey(
        "wagtail_govinfo.ColumnPage",
        verbose_name=_("column to redesign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phase_end_date = models.DateField(_("phase end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    created_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page created"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-filed_at", "-pk"]

    def __str__(self):
        return self.title
