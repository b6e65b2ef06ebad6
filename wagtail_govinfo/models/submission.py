"""Access tokens of the departments' submission clients (多媒体报送系统, 第十九条)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .departments import Department

TOKEN_PREFIX_LENGTH = 8


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class SubmissionToken(models.Model):
    """One client of one department. Only the SHA-256 of the token is stored; the
    token is shown once, when the platform operator creates it."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="submission_tokens"
    )
    client_name = models.CharField(_("client"), max_length=100, help_text=_("E.g. 多媒体报送系统."))
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submits as"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("An editor of the department: drafts and submissions are theirs, with their rights."),
    )
    prefix = models.CharField(_("token prefix"), max_length=TOKEN_PREFIX_LENGTH, unique=True)
    key_hash = models.CharField(_("token hash"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission client token")
        verbose_name_plural = _("submission client tokens")
        ordering = ["department", "client_name", "pk"]

    def __str__(self):
        return f"{self.department} · {self.client_name} ({self.prefix}…)"

    @property
    def active(self):
        return self.revoked_at is None

    @classmethod
    def issue(cls, **fields):
        """Create a token; returns (token, raw key). The raw key is not stored."""
        while True:
            raw = secrets.token_urlsafe(32)
            prefix = raw[:TOKEN_PREFIX_LENGTH]
            if not cls.objects.filter(prefix=prefix).exists():
                break
        token = cls.objects.create(prefix=prefix, key_hash=hash_token(raw), **fields)
        return token, raw

    @classmethod
    def authenticate(cls, raw):
        token = cls.objects.select_related("department", "acting_user").filter(
            prefix=raw[:TOKEN_PREFIX_LENGTH]
        ).first()
        if token is None or not secrets.compare_digest(token.key_hash, hash_token(raw)):
            return None
        return token
