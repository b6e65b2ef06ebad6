"""The two ledgers (台账) of 第二十、二十二、二十六条.

* ``SubmissionLedgerEntry`` (信息报送台账): one entry each time a page completes both
  sign-offs (保密审核 and 分管负责人审核签字).
* ``PublicationLedgerEntry`` (信息发布台账): one entry for every publication, every
  unpublication (下线) and every revocation (撤销).

Both are append-only: ``save()`` only inserts, and it inserts through the chain: it
numbers the entry (序号, per year, no gaps, under a row lock so concurrent approvals
cannot collide) and links it into the ledger's hash chain (see ``chain.py``). Updates
and deletes are refused by the model and by its queryset. A correction is a new entry
whose ``corrects`` points to the entry it corrects.

References to departments, columns, pages, revisions and users are kept as foreign keys
for navigation, but a ledger must outlive what it records: pages, revisions and users
are ``SET_NULL`` and their text (title, names, ids) is stored on the entry and covered
by the hash; departments are ``PROTECT`` (deactivate a department, don't delete it).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_govinfo.models import Department, InfoType

from .chain import GENESIS_HASH, compute_hash, current_hash_version, fields_version
from .ledger_time import ledger_localtime

PAGE_MODEL = "wagtailcore.Page"
REVISION_MODEL = "wagtailcore.Revision"


class Ledger(models.TextChoices):
    SUBMISSION = "submission", pgettext_lazy("ledger", "Submission ledger")  # 信息报送台账
    PUBLICATION = "publication", pgettext_lazy("ledger", "Publication ledger")  # 信息发布台账


class PublicationKind(models.TextChoices):
    """操作: what happened to the page."""

    PUBLISH = "publish", pgettext_lazy("ledger", "Published")  # 发布
    REVOKE = "revoke", pgettext_lazy("ledger", "Revoked")  # 撤销 (第二十一条)
    UNPUBLISH = "unpublish", pgettext_lazy("ledger", "Taken offline")  # 下线
    EMERGENCY = "emergency", pgettext_lazy("ledger", "Emergency publication")  # 紧急发布
    WITHDRAW = "withdraw", pgettext_lazy("ledger", "Withdrawn")  # 撤稿 (第二十二条)


class LedgerIsAppendOnly(PermissionDenied):
    """Raised on any attempt to change or delete a ledger entry."""


_REFUSALS = {
    "change": _("A %(entry)s cannot be changed: a ledger is append-only. Record a correction instead."),
    "delete": _("A %(entry)s cannot be deleted: a ledger is append-only. Record a correction instead."),
}


def _refuse(model, action):
    raise LedgerIsAppendOnly(_REFUSALS[action] % {"entry": model._meta.verbose_name})


# ---------------------------------------------------------------------------
# Chain head and yearly counters: the only mutable rows, changed under a row lock.


class LedgerChainQuerySet(models.QuerySet):
    def locked(self, ledger):
        """The chain row of ``ledger``, locked until the end of the transaction."""
        self.get_or_create(ledger=ledger)
        return self.select_for_update().get(ledger=ledger)


class LedgerChain(models.Model):
    """The head of one ledger's hash chain: how many entries it holds and the last hash.

    The head reveals entries removed from the end of a ledger, which the chain alone
    cannot. Exports and the audit log carry ``head_hash`` as an outside anchor.
    """

    ledger = models.CharField(pgettext_lazy("ledger", "ledger"), max_length=16, choices=Ledger.choices, unique=True)
    length = models.PositiveBigIntegerField(pgettext_lazy("ledger", "entries"), default=0)
    head_hash = models.CharField(pgettext_lazy("ledger", "head hash"), max_length=64, default=GENESIS_HASH)
    head_entry_id = models.PositiveBigIntegerField(pgettext_lazy("ledger", "last entry id"), null=True, blank=True)

    objects = LedgerChainQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("ledger", "ledger chain")
        verbose_name_plural = pgettext_lazy("ledger", "ledger chains")

    def __str__(self):
        return str(Ledger(self.ledger).label)


class LedgerYearCounterQuerySet(models.QuerySet):
    def locked(self, ledger, year):
        self.get_or_create(ledger=ledger, year=year)
        return self.select_for_update().get(ledger=ledger, year=year)


class LedgerYearCounter(models.Model):
    """The last 序号 given in one ledger in one year."""

    ledger = models.CharField(pgettext_lazy("ledger", "ledger"), max_length=16, choices=Ledger.choices)
    year = models.PositiveSmallIntegerField(pgettext_lazy("ledger", "year"))
    last_number = models.PositiveIntegerField(pgettext_lazy("ledger", "last number"), default=0)

    objects = LedgerYearCounterQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("ledger", "ledger year counter")
        verbose_name_plural = pgettext_lazy("ledger", "ledger year counters")
        constraints = [
            models.UniqueConstraint(fields=["ledger", "year"], name="govinfo_ledger_unique_year_counter")
        ]

    def __str__(self):
        return f"{self.ledger} {self.year}: {self.last_number}"


# ---------------------------------------------------------------------------
# Entries


class LedgerEntryQuerySet(models.QuerySet):
    """Queries over a ledger. Nothing here changes an entry that exists."""

    def update(self, **kwargs):
        # The one update allowed: Django detaching a SET_NULL reference when the page,
        # revision or user it points to is deleted. The hash covers the stored text, not
        # these references, so the chain still holds.
        detachable = self.model.detachable_field_names()
        if kwargs and all(name in detachable and value is None for name, value in kwargs.items()):
            return super().update(**kwargs)
        _refuse(self.model, "change")

    update.alters_data = True

    def delete(self):
        _refuse(self.model, "delete")

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse(self.model, "change")

    def bulk_create(self, objs, *args, **kwargs):
        # Rows inserted without numbers and hashes would break the chain.
        return self.append_many(objs)

    def append_many(self, entries):
        """Append unsaved ``entries`` in one transaction, numbered and chained in order."""
        entries = list(entries)
        if not entries:
            return entries
        model = self.model
        with transaction.atomic(using=self.db):
            chain = LedgerChain.objects.using(self.db).locked(model.ledger)
            counters = {}
            previous_hash = chain.head_hash
            for entry in entries:
                entry._prepare_append(counters, previous_hash, using=self.db)
                previous_hash = entry.entry_hash
            created = super().bulk_create(entries, batch_size=1000)
            for counter in counters.values():
                counter.save(update_fields=["last_number"])
            chain.length += len(entries)
            chain.head_hash = previous_hash
            chain.head_entry_id = (
                created[-1].pk
                if created[-1].pk is not None
                else model.objects.using(self.db).order_by("-pk").values_list("pk", flat=True).first()
            )
            chain.save(update_fields=["length", "head_hash", "head_entry_id"])
        return created

    def for_departments(self, department_ids):
        return self.filter(department_id__in=department_ids)


class LedgerEntryManager(models.Manager.from_queryset(LedgerEntryQuerySet)):
    pass


class AbstractLedgerEntry(models.Model):
    """Behaviour shared by both ledgers: append through the chain, refuse changes.

    The base declares the fields that are the same in both ledgers: the references to
    the column, page and revision (with the page and revision ids kept as text) and the
    chain bookkeeping that ``_prepare_append`` fills in. Concrete ledgers declare their
    own columns (in the order of the regulation, including ``number``, ``year`` and
    ``title``), ``ledger``, ``event_time_field`` (the time that decides the year of 序号)
    and ``HASHED_FIELDS`` (per hash version, never edited once released: add a version).
    """

    # --- what the entry refers to
    column = models.ForeignKey(
        PAGE_MODEL, verbose_name=pgettext_lazy("ledger", "column"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    page = models.ForeignKey(
        PAGE_MODEL, verbose_name=pgettext_lazy("ledger", "page"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    page_key = models.PositiveBigIntegerField(pgettext_lazy("ledger", "page ID"), null=True, blank=True)
    revision = models.ForeignKey(
        REVISION_MODEL, verbose_name=pgettext_lazy("ledger", "revision"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    revision_key = models.PositiveBigIntegerField(pgettext_lazy("ledger", "revision ID"), null=True, blank=True)
    # --- the chain
    corrects = models.ForeignKey(
        "self", verbose_name=pgettext_lazy("ledger", "corrects"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="corrections",
    )
    recorded_at = models.DateTimeField(pgettext_lazy("ledger", "recorded at"), default=timezone.now, editable=False)
    hash_version = models.PositiveSmallIntegerField(pgettext_lazy("ledger", "hash version"), default=1, editable=False)
    previous_hash = models.CharField(pgettext_lazy("ledger", "previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(pgettext_lazy("ledger", "entry hash"), max_length=64, editable=False)

    ledger = None
    event_time_field = None
    HASHED_FIELDS = {}
    CURRENT_HASH_VERSION = 1
    #: Foreign keys that Django may set to NULL when their target is deleted.
    DETACHABLE_FIELDS = ("page", "column", "revision")
    #: Not in Wagtail's reference index: an entry records a page, it does not "use" it, and
    #: deleting a page must not warn about (or wait on) its ledger entries.
    wagtail_reference_index_ignore = True

    objects = LedgerEntryManager()

    class Meta:
        abstract = True

    @classmethod
    def detachable_field_names(cls):
        names = set()
        for name in cls.DETACHABLE_FIELDS:
            field = cls._meta.get_field(name)
            names.update({field.name, field.attname})
        return names

    @classmethod
    def hashed_field_names(cls, version):
        # A keyed version hashes the fields of the plain version it is based on.
        return cls.HASHED_FIELDS[fields_version(version)]

    def _prepare_append(self, counters, previous_hash, using):
        """Give the entry its year, number and hashes (inside the locked transaction)."""
        if self.recorded_at is None:
            self.recorded_at = timezone.now()
        event_time = getattr(self, self.event_time_field) or self.recorded_at
        self.year = ledger_localtime(event_time).year
        counter = counters.get(self.year)
        if counter is None:
            counter = LedgerYearCounter.objects.using(using).locked(self.ledger, self.year)
            counters[self.year] = counter
        counter.last_number += 1
        self.number = counter.last_number
        # The keyed version (HMAC) when LEDGER_HMAC_KEY is set (chain.py).
        self.hash_version = current_hash_version(self.CURRENT_HASH_VERSION)
        self.previous_hash = previous_hash
        self.entry_hash = compute_hash(self)

    def save(self, *args, using=None, **kwargs):
        if not self._state.adding or self.pk is not None:
            _refuse(type(self), "change")
        using = using or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            chain = LedgerChain.objects.using(using).locked(self.ledger)
            counters = {}
            self._prepare_append(counters, chain.head_hash, using=using)
            kwargs.pop("force_update", None)
            kwargs.pop("force_insert", None)
            kwargs.pop("update_fields", None)
            super().save(*args, using=using, force_insert=True, **kwargs)
            for counter in counters.values():
                counter.save(update_fields=["last_number"])
            chain.length += 1
            chain.head_hash = self.entry_hash
            chain.head_entry_id = self.pk
            chain.save(update_fields=["length", "head_hash", "head_entry_id"])

    save.alters_data = True

    def delete(self, *args, **kwargs):
        _refuse(type(self), "delete")

    delete.alters_data = True

    @property
    def reference(self):
        """How people cite the entry: year and 序号, e.g. ``2026-0007``."""
        return f"{self.year}-{self.number:04d}"

    def __str__(self):
        return f"{self.reference} {self.title}"


class SubmissionLedgerEntry(AbstractLedgerEntry):
    """信息报送台账: a submission signed by the confidentiality reviewer and the leader (第二十条)."""

    ledger = Ledger.SUBMISSION
    event_time_field = "submitted_at"

    # --- the columns of 第二十条, in its order
    number = models.PositiveIntegerField(pgettext_lazy("ledger", "number"), editable=False)  # 序号
    title = models.CharField(pgettext_lazy("ledger", "title"), max_length=255)  # 信息名称
    source_author = models.CharField(pgettext_lazy("ledger", "source (author)"), max_length=255, blank=True)  # 信息来源（作者）
    written_on = models.DateField(pgettext_lazy("ledger", "date written"), null=True, blank=True)  # 写作时间
    reviewer_name = models.CharField(pgettext_lazy("ledger", "confidentiality reviewer"), max_length=150)  # 保密审核人
    leader_name = models.CharField(pgettext_lazy("ledger", "responsible leader"), max_length=150)  # 分管负责人
    submitted_at = models.DateTimeField(pgettext_lazy("ledger", "submitted at"))  # 报送时间 (both signatures done)
    info_type = models.CharField(  # 信息类型
        pgettext_lazy("ledger", "information type"), max_length=16, choices=InfoType.choices, default=InfoType.TEXT
    )
    remarks = models.TextField(pgettext_lazy("ledger", "remarks"), blank=True)  # 备注
    # --- what the entry refers to
    year = models.PositiveSmallIntegerField(pgettext_lazy("ledger", "year"), editable=False)
    department = models.ForeignKey(
        Department, verbose_name=pgettext_lazy("ledger", "submitting department"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    department_name = models.CharField(pgettext_lazy("ledger", "submitting department"), max_length=100, blank=True)
    department_code = models.CharField(pgettext_lazy("ledger", "department code"), max_length=32, blank=True)
    column_title = models.CharField(pgettext_lazy("ledger", "column"), max_length=255, blank=True)
    # --- the sign-off sheet (审核签字单)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("ledger", "submitted by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    submitter_name = models.CharField(pgettext_lazy("ledger", "submitted by"), max_length=150, blank=True)  # 信息员
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("ledger", "confidentiality reviewer"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    reviewed_at = models.DateTimeField(pgettext_lazy("ledger", "reviewed at"), null=True, blank=True)  # 保密审核时间
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("ledger", "responsible leader"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    checklist = models.JSONField(pgettext_lazy("ledger", "checklist answers"), default=dict, blank=True)  # 第十七条
    findings = models.JSONField(pgettext_lazy("ledger", "screening findings"), default=list, blank=True)
    sign_off_comment = models.TextField(pgettext_lazy("ledger", "sign-off comment"), blank=True)
    review_comment = models.TextField(pgettext_lazy("ledger", "reviewer's opinion"), blank=True)  # 保密审核意见

    DETACHABLE_FIELDS = ("page", "column", "revision", "submitter", "reviewer", "leader")
    _HASHED_V1 = (
        "year", "number", "title", "source_author", "written_on", "reviewer_name",
        "leader_name", "submitted_at", "info_type", "remarks", "department_name",
        "department_code", "column_title", "page_key", "revision_key", "submitter_name",
        "reviewed_at", "checklist", "findings", "sign_off_comment", "corrects",
        "recorded_at",
    )
    HASHED_FIELDS = {
        1: _HASHED_V1,
        # 2: the confidentiality reviewer's opinion joins the sign-off sheet.
        2: (*_HASHED_V1, "review_comment"),
    }
    CURRENT_HASH_VERSION = 2

    class Meta:
        verbose_name = pgettext_lazy("ledger", "submission ledger entry")
        verbose_name_plural = pgettext_lazy("ledger", "submission ledger")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="govinfo_submission_unique_number")
        ]
        indexes = [
            models.Index(fields=["submitted_at"], name="govinfo_submission_time"),
            models.Index(fields=["page_key", "revision_key"], name="govinfo_submission_page"),
        ]


class PublicationLedgerEntry(AbstractLedgerEntry):
    """信息发布台账: a publication, unpublication or revocation of a page (第二十一、二十二条)."""

    ledger = Ledger.PUBLICATION
    event_time_field = "published_at"

    # --- the columns of the issue, in its order
    number = models.PositiveIntegerField(pgettext_lazy("ledger", "number"), editable=False)  # 序号
    title = models.CharField(pgettext_lazy("ledger", "title"), max_length=255)  # 信息名称
    column_title = models.CharField(pgettext_lazy("ledger", "column"), max_length=255, blank=True)  # 栏目
    department_name = models.CharField(pgettext_lazy("ledger", "publishing department"), max_length=100, blank=True)  # 发布单位
    publisher_name = models.CharField(pgettext_lazy("ledger", "published by"), max_length=150, blank=True)  # 发布人
    published_at = models.DateTimeField(pgettext_lazy("ledger", "time"))  # 发布时间 (of the action)
    reviewer_name = models.CharField(pgettext_lazy("ledger", "confidentiality reviewer"), max_length=150, blank=True)  # 保密审核人
    leader_name = models.CharField(pgettext_lazy("ledger", "responsible leader"), max_length=150, blank=True)  # 分管负责人
    page_url = models.CharField(pgettext_lazy("ledger", "page address"), max_length=2048, blank=True)  # 页面地址
    kind = models.CharField(  # 操作
        pgettext_lazy("ledger", "action"), max_length=16, choices=PublicationKind.choices, default=PublicationKind.PUBLISH
    )
    remarks = models.TextField(pgettext_lazy("ledger", "remarks"), blank=True)  # 备注
    # --- what the entry refers to
    year = models.PositiveSmallIntegerField(pgettext_lazy("ledger", "year"), editable=False)
    info_type = models.CharField(
        pgettext_lazy("ledger", "information type"), max_length=16, choices=InfoType.choices, blank=True
    )
    department = models.ForeignKey(
        Department, verbose_name=pgettext_lazy("ledger", "publishing department"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    department_code = models.CharField(pgettext_lazy("ledger", "department code"), max_length=32, blank=True)
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("ledger", "published by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    submission = models.ForeignKey(
        SubmissionLedgerEntry, verbose_name=pgettext_lazy("ledger", "submission"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="publications",
    )

    DETACHABLE_FIELDS = ("page", "column", "revision", "publisher")
    HASHED_FIELDS = {
        1: (
            "year", "number", "title", "column_title", "department_name", "publisher_name",
            "published_at", "reviewer_name", "leader_name", "page_url", "kind", "remarks",
            "info_type", "department_code", "page_key", "revision_key", "submission",
            "corrects", "recorded_at",
        ),
    }

    class Meta:
        verbose_name = pgettext_lazy("ledger", "publication ledger entry")
        verbose_name_plural = pgettext_lazy("ledger", "publication ledger")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="govinfo_publication_unique_number")
        ]
        indexes = [
            models.Index(fields=["published_at"], name="govinfo_publication_time"),
            models.Index(fields=["page_key", "revision_key"], name="govinfo_publication_page"),
        ]


LEDGER_MODELS = {
    Ledger.SUBMISSION: SubmissionLedgerEntry,
    Ledger.PUBLICATION: PublicationLedgerEntry,
}
