"""Records of the scheduled checks (第二十一、二十五条, national inspection indicators).

* ``CheckRun``: one run of one check, ``not_checked`` with the error when it failed
  (fail closed: a failed check never reads as "up to date").
* ``TopicNotice``: a warning or a revocation of a topic, at most one of each kind per
  quiet streak (the unique constraint is what makes a second run or a second worker
  do nothing more).
* ``ColumnStatus``: what the last column check found for each live column; only
  rows whose facts change are written, so a daily run costs the same on any site.
* ``Report``: a stored quarterly publication report (通报) or monthly interaction check.
"""

import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..private_files import private_storage


class CheckStatus(models.TextChoices):
    OK = "ok", _("Checked")
    NOT_CHECKED = "not_checked", _("Not checked")


class CheckRun(models.Model):
    """One run of one scheduled check."""

    check_name = models.CharField(_("check"), max_length=64, db_index=True)
    day = models.DateField(_("day checked"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    status = models.CharField(_("status"), max_length=16, choices=CheckStatus.choices)
    error = models.TextField(_("error"), blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.check_name} {self.day} {self.get_status_display()}"

    @classmethod
    def latest_for(cls, check_name):
        return cls.objects.filter(check_name=check_name).order_by("-started_at", "-pk").first()


class TopicNoticeKind(models.TextChoices):
    WARNING = "warning", _("Warning")  # 预警
    REVOCATION = "revocation", _("Revocation")  # 撤销


class TopicNotice(models.Model):
    """A warning or a revocation of a topic (专题) without update (第二十一条).

    ``last_update`` is the topic's last publication when the notice was made: it names
    the quiet streak, so each kind happens at most once per streak.
    """

    topic = models.ForeignKey(
        "wagtail_govinfo.TopicPage",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="govinfo_notices",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TopicNoticeKind.choices)
    last_update = models.DateTimeField(_("last update"))
    day = models.DateField(_("day of the check"))
    days_without_update = models.PositiveIntegerField(_("days without update"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    #: For a revocation: ``[[page id, live revision id], …]`` unpublished, for the restore.
    unpublished = models.JSONField(_("unpublished pages"), default=list, blank=True)
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("restored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("topic notice")
        verbose_name_plural = _("topic notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "kind", "last_update"], name="govinfo_unique_topic_notice"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.topic_id} {self.day}"


class ColumnState(models.TextChoices):
    OK = "ok", _("Up to date")
    DUE_SOON = "due_soon", _("Stale soon")
    STALE = "stale", _("Stale")
    EMPTY = "empty", _("Empty")
    NOT_TRACKED = "not_tracked", _("No threshold")


class ColumnStatus(models.Model):
    """What the last column check found for one live column.

    The facts stored do not depend on the day (the day it becomes stale, not whether
    it is stale), so an unchanged column is never rewritten; ``state(today)`` derives
    the state for any day.
    """

    column = models.OneToOneField(
        "wagtail_govinfo.ColumnPage",
        verbose_name=_("column"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="govinfo_status",
    )
    last_update = models.DateTimeField(_("last update"), null=True, blank=True)
    is_empty = models.BooleanField(_("empty"), default=False)
    threshold_days = models.PositiveIntegerField(_("stale after (days)"), null=True, blank=True)
    #: First day on which the column counts as stale (None: no threshold).
    stale_on = models.DateField(_("stale on"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("column status")
        verbose_name_plural = _("column statuses")

    def __str__(self):
        return f"{self.column_id}: {self.stale_on}"

    def state(self, today, forecast_days=0):
        return column_state(self.is_empty, self.stale_on, today, forecast_days)


def column_state(is_empty, stale_on, today, forecast_days=0):
    """The state on ``today`` of a column with these facts."""
    if is_empty:
        return ColumnState.EMPTY
    if stale_on is None:
        return ColumnState.NOT_TRACKED
    if stale_on <= today:
        return ColumnState.STALE
    if stale_on <= today + datetime.timedelta(days=forecast_days):
        return ColumnState.DUE_SOON
    return ColumnState.OK


class ReportKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly publication report")  # 季度通报
    MONTHLY = "monthly", _("Monthly interaction check")  # 互动交流月度检查


def _report_upload_to(instance, filename):
    return f"govinfo/reports/{instance.kind}/{filename}"


class Report(models.Model):
    """A report of 第二十八条 with its workbook, one per kind and period."""

    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    period = models.CharField(_("period"), max_length=16, help_text=_("e.g. 2026Q3 or 2026-10"))
    # In the private storage: read only through the permission-checked download view.
    file = models.FileField(
        _("file"), upload_to=_report_upload_to, max_length=255, storage=private_storage
    )
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period"], name="govinfo_unique_report_period")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period}"

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
