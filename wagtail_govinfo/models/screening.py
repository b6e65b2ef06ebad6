"""The editable screening dictionary: sensitive words and typo pairs (第十七条(七)(九), 第二十五条)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WordKind(models.TextChoices):
    SENSITIVE = "sensitive", _("Sensitive word")  # 敏感词
    TYPO = "typo", _("Typo")  # 错别字


class Severity(models.TextChoices):
    NOTICE = "notice", _("Notice (shown, not blocking)")
    BLOCKING = "blocking", _("Blocking")


class SensitiveWord(models.Model):
    word = models.CharField(_("word"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=WordKind.choices, default=WordKind.SENSITIVE)
    correction = models.CharField(
        _("correct form"), max_length=100, blank=True, help_text=_("For typos: the right form.")
    )
    severity = models.CharField(
        _("severity"), max_length=16, choices=Severity.choices, default=Severity.NOTICE
    )
    category = models.CharField(_("category"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")
        constraints = [
            models.UniqueConstraint(fields=["word", "kind"], name="govinfo_unique_word_kind")
        ]
        ordering = ["kind", "word"]

    def __str__(self):
        return self.word


class AllowListEffect(models.TextChoices):
    ALLOW = "allow", _("Added to the allow-list")  # 加入允许词表
    DISABLE = "disable", _("Shipped word disabled")  # 停用内置允许词


class AllowListEntry(models.Model):
    """The operator's change to the allow-list of ordinary vocabulary: a word added to
    the configured list (``WAGTAIL_GOVINFO["SCREENING_ALLOW_LIST"]``, by default the one
    shipped), or a word of that list disabled. Merged with the list when the dictionary
    compiles (see :mod:`wagtail_govinfo.screening.dictionary`)."""

    word = models.CharField(_("word"), max_length=100, unique=True)
    effect = models.CharField(
        _("effect"), max_length=16, choices=AllowListEffect.choices, default=AllowListEffect.ALLOW
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("allow-list word")
        verbose_name_plural = _("allow-list words")
        ordering = ["word"]

    def __str__(self):
        return self.word
