"""Requests to publish outside a department's authorised scope (第二十三条)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .departments import Department


class ScopeRequestStatus(models.TextChoices):
    FILED = "filed", _("Awaiting the department's approval")  # 待本单位审定
    APPROVED = "approved", _("Awaiting the platform operator")  # 待市政数局受理
    ACCEPTED = "accepted", _("Accepted")  # 已同意
    DECLINED = "declined", _("Declined")  # 未同意
    EXPIRED = "expired", _("Expired")  # 已过期


class ScopeRequestQuerySet(models.QuerySet):
    def active(self, today=None):
        """Accepted requests whose date has not passed on ``today``."""
        today = today or timezone.localdate()
        return self.filter(status=ScopeRequestStatus.ACCEPTED, wanted_on__gte=today)


class ScopeRequest(models.Model):
    """One request of a department to publish information outside its columns."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="scope_requests"
    )
    column = models.ForeignKey(
        "wagtail_govinfo.ColumnPage",
        verbose_name=_("column"),
        on_delete=models.CASCADE,
        related_name="scope_requests",
    )
    title = models.CharField(_("information to publish"), max_length=200)  # 拟发布信息
    description = models.TextField(_("description"), blank=True)
    wanted_on = models.DateField(_("wanted publication date"))  # 拟发布日期
    urgent = models.BooleanField(_("urgent information"), default=False)  # 紧急信息
    urgent_reason = models.TextField(_("why it is urgent"), blank=True)
    reason = models.TextField(_("reason for the request"))  # 申请理由
    status = models.CharField(
        _("status"), max_length=16, choices=ScopeRequestStatus.choices, default=ScopeRequestStatus.FILED
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page created"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    objects = ScopeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("out-of-scope publication request")
        verbose_name_plural = _("out-of-scope publication requests")
        ordering = ["-filed_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def filed_on(self):
        return timezone.localdate(self.filed_at)

    @property
    def is_late(self):
        """A request that is not urgent, yet reached the platform operator (after the
        department's approval) less than ``SCOPE_REQUEST_NOTICE_DAYS`` before its date."""
        from ..conf import govinfo_settings

        if self.urgent or self.approved_at is None:
            return False
        notice = datetime.timedelta(days=govinfo_settings.SCOPE_REQUEST_NOTICE_DAYS)
        return timezone.localdate(self.approved_at) + notice > self.wanted_on
