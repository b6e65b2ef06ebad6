"""Which attachments are public: those used by the live version of some content."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveAttachmentUse(models.Model):
    """A document or image used by the live version of a page (or snippet).

    Attachments are private until content that uses them is published through the
    review (附件随正文审核发布): a document is served to anonymous visitors only while at
    least one row names it. Rows are written when content is published and removed
    when it is unpublished or deleted (``attachments/privacy.py``).
    """

    attachment_type = models.ForeignKey(
        ContentType, verbose_name=_("attachment type"), on_delete=models.CASCADE, related_name="+"
    )
    attachment_id = models.CharField(_("attachment id"), max_length=255)
    used_by_type = models.ForeignKey(
        ContentType, verbose_name=_("used by (type)"), on_delete=models.CASCADE, related_name="+"
    )
    used_by_id = models.CharField(_("used by (id)"), max_length=255)
    since = models.DateTimeField(_("public since"), auto_now_add=True)

    class Meta:
        verbose_name = _("published attachment use")
        verbose_name_plural = _("published attachment uses")
        constraints = [
            models.UniqueConstraint(
                fields=["attachment_type", "attachment_id", "used_by_type", "used_by_id"],
                name="govinfo_unique_live_attachment_use",
            )
        ]
        indexes = [
            models.Index(fields=["used_by_type", "used_by_id"], name="govinfo_attachment_used_by"),
        ]
