"""Page types for the site's content (第三、六、十二、十三、十四、十五、二十一条).

Each page type comes as an abstract base (``Abstract…Page``, a plain abstract model
holding fields, panels and API fields, so a site with its own base page can mix it in)
and a concrete page built on ``wagtail.models.Page``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.blocks import StructValue
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.rich_text import RichText

from ..blocks import AttachmentBlock, BodyBlock
from ..forms import GovInfoCopyForm, GovInfoPageForm
from ..screening.sources import ScreeningSource
from .departments import Department
from .publication import SignedPublicationMixin


class ColumnKind(models.TextChoices):
    NEWS = "news", _("News")  # 动态要闻
    NOTICE = "notice", _("Notices")  # 通知公告
    POLICY = "policy", _("Policy documents")  # 政策文件
    INTERPRETATION = "interpretation", _("Interpretations")  # 解读
    DISCLOSURE = "disclosure", _("Government information disclosure")  # 政府信息公开
    TOPIC = "topic", _("Topics")  # 专题
    INTERACTION = "interaction", _("Interaction")  # 互动交流
    OPEN_DATA = "open_data", _("Open data")  # 数据开放
    SERVICES = "services", _("Online services")  # 网上办事
    CITY_PROFILE = "city_profile", _("City profile")  # 市情概况
    OTHER = "other", _("Other")  # 其他


class InfoType(models.TextChoices):
    TEXT = "text", _("Text")  # 文
    IMAGE = "image", _("Image")  # 图
    TABLE = "table", _("Table")  # 表
    AUDIO_VIDEO = "audio_video", _("Audio/video")  # 音视频
    DATA = "data", _("Data")  # 数据


class InfoCategory(models.TextChoices):
    """The kinds of government information of 第六条."""

    MEETING = "meeting", _("Important meeting")  # 重要会议
    LEADER_ACTIVITY = "leader_activity", _("Leader activity")  # 领导动态
    CITY_PROFILE = "city_profile", _("City profile")  # 市情
    PROACTIVE_DISCLOSURE = "proactive_disclosure", _("Proactive disclosure")  # 主动公开
    INTERPRETATION = "interpretation", _("Interpretation and response")  # 解读回应
    PRESS_CONFERENCE = "press_conference", _("Press conference")  # 新闻发布会
    DATA = "data", _("Data")  # 数据
    INTERACTION = "interaction", _("Interaction")  # 互动交流
    ONLINE_SERVICE = "online_service", _("Online service")  # 网上办事
    DEPARTMENT_NEWS = "department_news", _("Department news")  # 部门动态
    OTHER = "other", _("Other")  # 其他


class LegalLevel(models.TextChoices):  # 效力等级
    LOCAL_REGULATION = "local_regulation", _("Local regulation")  # 地方性法规
    GOVERNMENT_RULE = "government_rule", _("Local government rule")  # 地方政府规章
    NORMATIVE_DOCUMENT = "normative_document", _("Local normative document")  # 地方规范性文件
    OTHER = "other", _("Other")


class Validity(models.TextChoices):  # 时效性
    IN_FORCE = "in_force", _("In force")  # 现行有效
    AMENDED = "amended", _("Amended")  # 已修订
    REPEALED = "repealed", _("Repealed")  # 已废止


class InterpretationForm(models.TextChoices):
    TEXT = "text", pgettext_lazy("interpretation form", "Text")  # 文字
    GRAPHIC = "graphic", _("Graphic")  # 图解
    AUDIO_VIDEO = "audio_video", _("Audio/video")  # 音视频
    PRESS_CONFERENCE = "press_conference", _("Press conference")  # 新闻发布会


class TopicStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")  # 归档
    REVOKED = "revoked", _("Revoked")  # 撤销


def interpretation_api_representation(page):
    return {"id": page.pk, "title": page.title, "form": page.form, "slug": page.slug}


class DepartmentAPIField(serializers.Field):
    def to_representation(self, value):
        return {"code": value.code, "name": value.name} if value else None


class DepartmentsAPIField(serializers.Field):
    def to_representation(self, value):
        return [{"code": d.code, "name": d.name} for d in value.all()]


class LeadersAPIField(serializers.Field):
    """The leaders a page concerns, as published (live profiles only)."""

    def to_representation(self, value):
        return [
            {"id": leader.pk, "name": leader.full_name, "post": leader.post}
            for leader in value.filter(live=True)
        ]


def _stream_text(stream_value):
    """Plain text of a StreamField value, for screening and search."""
    parts = []
    for block in stream_value or []:
        value = block.value
        if hasattr(value, "source"):  # RichText
            parts.append(strip_tags(value.source))
        elif isinstance(value, str):
            parts.append(strip_tags(value))
        elif isinstance(value, dict) and "data" in value:  # table
            parts.extend(" ".join(str(c or "") for c in row) for row in value.get("data") or [])
        elif hasattr(value, "items"):  # struct
            parts.extend(str(v) for v in value.values() if isinstance(v, str))
    return "\n".join(p for p in parts if p)


#: Fields of Wagtail's page model whose text readers see; its other fields (slug,
#: paths, draft title…) are bookkeeping.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")


def field_sources(obj):
    """One :class:`ScreeningSource` per text field of ``obj`` (Wagtail's page text
    fields first), rich text as HTML, StreamFields block by block."""
    page_field_names = {f.name for f in Page._meta.concrete_fields}
    fields = [f for f in obj._meta.concrete_fields if f.name in PAGE_TEXT_FIELDS]
    fields.sort(key=lambda f: PAGE_TEXT_FIELDS.index(f.name))
    fields += [f for f in obj._meta.concrete_fields if f.name not in page_field_names]
    for model_field in fields:
        label = str(model_field.verbose_name)
        value = getattr(obj, model_field.attname, None)
        if isinstance(model_field, StreamField):
            yield from stream_sources(model_field.name, label, value)
        elif isinstance(model_field, RichTextField):
            if value:
                yield ScreeningSource(key=model_field.name, label=label, html=value)
        elif isinstance(model_field, (models.CharField, models.TextField)):
            if model_field.choices or not model_field.editable:
                continue
            if value:
                yield ScreeningSource(key=model_field.name, label=label, text=str(value))


def stream_sources(name, label, stream_value):
    """The sources of a StreamField value: each block on its own, each table cell on its own."""
    for index, child in enumerate(stream_value or []):
        block_label = _("%(field)s · %(block)s %(number)s") % {
            "field": label,
            "block": child.block.label,
            "number": index + 1,
        }
        yield from block_sources(f"{name}.{index}", block_label, child.block, child.value)


def block_sources(key, label, block, value):
    if isinstance(value, RichText):
        if value.source:
            yield ScreeningSource(key=key, label=label, html=value.source)
    elif isinstance(block, TableBlock):
        value = value or {}
        caption = value.get("table_caption")
        if caption:
            yield ScreeningSource(key=f"{key}.caption", label=label, text=str(caption))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row or []):
                if cell in (None, ""):
                    continue
                yield ScreeningSource(
                    key=f"{key}.table.{row_index}.{column_index}",
                    label=_("%(block)s, row %(row)s column %(column)s")
                    % {"block": label, "row": row_index + 1, "column": column_index + 1},
                    text=str(cell),
                )
    elif isinstance(block, ImageBlock):
        # The image's own title and alt text are the attachments' sources; the
        # alt text written for this use of it belongs to the page.
        alt = getattr(value, "contextual_alt_text", "") if value is not None else ""
        if alt:
            yield ScreeningSource(key=f"{key}.alt", label=_("%(block)s · alt text") % {"block": label}, text=alt)
    elif isinstance(value, StructValue):
        for child_name, child_value in value.items():
            child_block = block.child_blocks[child_name]
            yield from block_sources(
                f"{key}.{child_name}", f"{label} · {child_block.label}", child_block, child_value
            )
    elif isinstance(value, str):
        if value:
            yield ScreeningSource(key=key, label=label, text=value)


# ---------------------------------------------------------------------------
# Abstract bases


class AbstractColumnPage(models.Model):
    """A column (栏目) of the site, with the departments that provide its content (第十条)."""

    column_kind = models.CharField(
        _("column kind"), max_length=32, choices=ColumnKind.choices, default=ColumnKind.OTHER
    )
    responsible_departments = ParentalManyToManyField(
        Department,
        verbose_name=_("responsible departments"),
        related_name="%(app_label)s_%(class)s_columns",
        blank=True,
        help_text=_("Editors of these departments may add and edit pages in this column."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    copy_form_class = GovInfoCopyForm  # no "publish copies" or alias of content under the gate
    stale_after_days = models.PositiveIntegerField(
        _("stale after (days)"),
        null=True,
        blank=True,
        help_text=_("Overrides the default threshold of the column kind. Leave empty to use it."),
    )

    govinfo_panels = [
        FieldPanel("column_kind"),
        FieldPanel("responsible_departments"),
        FieldPanel("intro"),
        FieldPanel("stale_after_days"),
    ]
    api_fields = [
        APIField("column_kind"),
        APIField("responsible_departments", serializer=DepartmentsAPIField()),
        APIField("intro"),
    ]

    class Meta:
        abstract = True

    def responsible_department_ids(self):
        return set(self.responsible_departments.values_list("pk", flat=True))


class AbstractGovInfoContentPage(SignedPublicationMixin):
    """Fields shared by every page that a department submits (谁报送、谁负责, 第十四、十六条).

    Such a page goes live only with a signed revision (``SignedPublicationMixin``); the
    admin offers neither publish nor unpublish on it: publication comes from the
    workflow (or an emergency publication), unpublishing from 撤稿 with a reason.
    """

    submitting_department = models.ForeignKey(
        Department,
        verbose_name=_("submitting department"),  # 报送单位
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    undertaking_unit = models.CharField(
        _("undertaking or leading unit"), max_length=200, blank=True  # 承办/牵头单位
    )
    remarks = models.TextField(_("remarks"), blank=True)  # 备注

    base_form_class = GovInfoPageForm
    copy_form_class = GovInfoCopyForm  # no "publish copies" or alias: copies go through the review
    govinfo_meta_panels = [
        FieldPanel("submitting_department"),
        FieldPanel("undertaking_unit"),
        FieldPanel("remarks"),
    ]

    api_fields = [
        APIField("submitting_department", serializer=DepartmentAPIField()),
        APIField("undertaking_unit"),
        APIField("remarks"),
    ]
    # Headless: the public front end renders pages; the admin has no preview.
    preview_modes = []

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        from ..permissions import SignedContentPermissionTester

        return SignedContentPermissionTester(user, self)

    def screening_text(self):
        """All the text of the page as one string (title, fields, body). The
        confidentiality review screens :meth:`screening_sources` instead, one by one."""
        return "\n".join(p for p in self.screening_parts() if p)

    def screening_sources(self):
        """What the confidentiality review screens, one source per field: the title and
        search description, then each text field under its verbose name, rich text as
        HTML, each StreamField block on its own and each table cell on its own
        (``wagtail_govinfo.screening.sources``)."""
        return list(field_sources(self))

    def screening_parts(self):
        return [self.title, getattr(self, "search_description", ""), self.remarks]


class AbstractInfoPage(AbstractGovInfoContentPage):
    """A piece of information (信息) of any type of 第二条."""

    info_type = models.CharField(
        _("information type"), max_length=16, choices=InfoType.choices, default=InfoType.TEXT
    )
    category = models.CharField(
        _("category"), max_length=32, choices=InfoCategory.choices, default=InfoCategory.DEPARTMENT_NEWS
    )
    source_author = models.CharField(_("source (author)"), max_length=200)  # 信息来源（作者）
    written_on = models.DateField(_("date written"))  # 写作时间
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    leaders = ParentalManyToManyField(  # 第八条: the leaders a meeting or activity concerns
        "wagtail_govinfo.Leader",
        verbose_name=_("leaders concerned"),
        related_name="%(app_label)s_%(class)s_pages",
        blank=True,
        help_text=_("For important meetings and leader activities: the city leaders concerned."),
    )

    govinfo_panels = [
        MultiFieldPanel(
            [
                FieldPanel("info_type"),
                FieldPanel("category"),
                FieldPanel("source_author"),
                FieldPanel("written_on"),
            ],
            heading=_("Information"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("leaders"),
    ]
    api_fields = AbstractGovInfoContentPage.api_fields + [
        APIField("info_type"),
        APIField("category"),
        APIField("source_author"),
        APIField("written_on"),
        APIField("summary"),
        APIField("body"),
        APIField("leaders", serializer=LeadersAPIField()),
    ]

    class Meta:
        abstract = True

    def screening_parts(self):
        return super().screening_parts() + [self.source_author, self.summary, _stream_text(self.body)]


class AbstractPolicyDocumentPage(AbstractGovInfoContentPage):
    """A rule or normative document (规章/行政规范性文件) with the attributes of its head (第十二条)."""

    issuing_authority = models.CharField(_("issuing authority"), max_length=200)  # 制定机关
    published_on = models.DateField(_("date published"))  # 公布日期
    document_number = models.CharField(_("document number"), max_length=100)  # 字号
    effective_on = models.DateField(_("effective date"), null=True, blank=True)  # 施行日期
    legal_level = models.CharField(  # 效力等级
        _("legal level"), max_length=32, choices=LegalLevel.choices,
        default=LegalLevel.NORMATIVE_DOCUMENT,
    )
    validity = models.CharField(  # 时效性
        _("validity"), max_length=16, choices=Validity.choices, default=Validity.IN_FORCE
    )
    subject = models.CharField(_("subject classification"), max_length=100, blank=True)  # 主题分类
    body = RichTextField(_("body"), blank=True)
    attachments = StreamField(AttachmentBlock(), verbose_name=_("attachments"), blank=True)

    govinfo_panels = [
        MultiFieldPanel(
            [
                FieldPanel("issuing_authority"),
                FieldPanel("published_on"),
                FieldPanel("document_number"),
                FieldPanel("effective_on"),
                FieldPanel("legal_level"),
                FieldPanel("validity"),
                FieldPanel("subject"),
            ],
            heading=_("Document attributes"),
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    api_fields = AbstractGovInfoContentPage.api_fields + [
        APIField("issuing_authority"),
        APIField("published_on"),
        APIField("document_number"),
        APIField("effective_on"),
        APIField("legal_level"),
        APIField("validity"),
        APIField("subject"),
        APIField("body"),
        APIField("attachments"),
        APIField("interpretations"),
    ]

    class Meta:
        abstract = True

    @property
    def interpretations(self):
        """Live interpretations (解读) of this document, for the API (loaded for a whole
        listing at once by the API view, as ``api_interpretations``)."""
        loaded = getattr(self, "api_interpretations", None)
        if loaded is not None:
            return loaded
        return [
            interpretation_api_representation(p)
            for p in InterpretationPage.objects.live().filter(policy_document=self).order_by("pk")
        ]

    def screening_parts(self):
        return super().screening_parts() + [
            self.issuing_authority, self.document_number, self.subject, strip_tags(self.body or "")
        ]


class AbstractInterpretationPage(AbstractGovInfoContentPage):
    """An interpretation (解读) of a policy document, drafted by its drafting department."""

    policy_document = models.ForeignKey(
        "wagtail_govinfo.PolicyDocumentPage",
        verbose_name=_("policy document"),
        null=True,  # the database allows it so a document can be deleted; the form requires it
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drafting_department = models.ForeignKey(
        Department,
        verbose_name=_("drafting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    form = models.CharField(
        _("form"), max_length=32, choices=InterpretationForm.choices, default=InterpretationForm.TEXT
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    govinfo_panels = [
        FieldPanel("policy_document"),
        FieldPanel("drafting_department"),
        FieldPanel("form"),
        FieldPanel("body"),
    ]
    api_fields = AbstractGovInfoContentPage.api_fields + [
        APIField("policy_document", serializer=serializers.PrimaryKeyRelatedField(read_only=True)),
        APIField("drafting_department", serializer=DepartmentAPIField()),
        APIField("form"),
        APIField("body"),
    ]

    class Meta:
        abstract = True

    def screening_parts(self):
        return super().screening_parts() + [_stream_text(self.body)]


class AbstractTopicPage(AbstractGovInfoContentPage):
    """A topic or special column (专题/专栏) co-built with the platform operator (第二十一条)."""

    owner_departments = ParentalManyToManyField(
        Department,
        verbose_name=_("owner departments"),
        related_name="%(app_label)s_%(class)s_topics",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TopicStatus.choices, default=TopicStatus.ACTIVE
    )
    phase_end_date = models.DateField(_("phase end date"), null=True, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    govinfo_panels = [
        FieldPanel("owner_departments"),
        FieldPanel("phase_end_date"),
        FieldPanel("intro"),
    ]
    api_fields = AbstractGovInfoContentPage.api_fields + [
        APIField("owner_departments", serializer=DepartmentsAPIField()),
        APIField("status"),
        APIField("phase_end_date"),
        APIField("intro"),
    ]

    class Meta:
        abstract = True

    def responsible_department_ids(self):
        return set(self.owner_departments.values_list("pk", flat=True))

    def requires_sign_off(self):
        # A topic the operator sets up without a submitting department is structure,
        # like a column; once a department submits its content, it is signed like any page.
        return self.submitting_department_id is not None

    def screening_parts(self):
        return super().screening_parts() + [self.intro]


class AbstractDisclosureIndexPage(models.Model):
    """The 政府信息公开 listing: proactively disclosed information of all departments (第十三条).

    Its items are served by the ``disclosure`` API endpoint, filterable by department,
    year and category.
    """

    intro = models.TextField(_("introduction"), blank=True)
    copy_form_class = GovInfoCopyForm

    govinfo_panels = [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    preview_modes = []

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------
# Concrete page types

_CONTENT_TYPES = [
    "wagtail_govinfo.InfoPage",
    "wagtail_govinfo.PolicyDocumentPage",
    "wagtail_govinfo.InterpretationPage",
]


class ColumnPage(AbstractColumnPage, Page):
    content_panels = Page.content_panels + AbstractColumnPage.govinfo_panels
    api_fields = AbstractColumnPage.api_fields
    subpage_types = [
        "wagtail_govinfo.ColumnPage",
        "wagtail_govinfo.TopicPage",
        "wagtail_govinfo.DisclosureIndexPage",
        *_CONTENT_TYPES,
    ]
    preview_modes = []

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def permissions_for_user(self, user):
        from ..permissions import ColumnPermissionTester

        return ColumnPermissionTester(user, self)


def _parent_kind(parent):
    specific = parent.specific if parent is not None else None
    return getattr(specific, "column_kind", None)


class InfoPage(AbstractInfoPage, Page):
    content_panels = (
        Page.content_panels + AbstractInfoPage.govinfo_panels + AbstractInfoPage.govinfo_meta_panels
    )
    api_fields = AbstractInfoPage.api_fields
    parent_page_types = ["wagtail_govinfo.ColumnPage", "wagtail_govinfo.TopicPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class PolicyDocumentPage(AbstractPolicyDocumentPage, Page):
    content_panels = (
        Page.content_panels
        + AbstractPolicyDocumentPage.govinfo_panels
        + AbstractPolicyDocumentPage.govinfo_meta_panels
    )
    api_fields = AbstractPolicyDocumentPage.api_fields
    parent_page_types = ["wagtail_govinfo.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and _parent_kind(parent) in (
            ColumnKind.POLICY,
            ColumnKind.DISCLOSURE,
        )


class InterpretationPage(AbstractInterpretationPage, Page):
    content_panels = (
        Page.content_panels
        + AbstractInterpretationPage.govinfo_panels
        + AbstractInterpretationPage.govinfo_meta_panels
    )
    api_fields = AbstractInterpretationPage.api_fields
    parent_page_types = ["wagtail_govinfo.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and _parent_kind(parent) in (
            ColumnKind.INTERPRETATION,
            ColumnKind.DISCLOSURE,
        )

    def clean(self):
        super().clean()
        if self.policy_document_id is None:
            raise ValidationError({"policy_document": _("Choose the policy document this interprets.")})


class TopicPage(AbstractTopicPage, Page):
    content_panels = (
        Page.content_panels + AbstractTopicPage.govinfo_panels + AbstractTopicPage.govinfo_meta_panels
    )
    api_fields = AbstractTopicPage.api_fields
    parent_page_types = ["wagtail_govinfo.ColumnPage"]
    subpage_types = ["wagtail_govinfo.InfoPage", "wagtail_govinfo.ColumnPage"]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and _parent_kind(parent) == ColumnKind.TOPIC


class DisclosureIndexPage(AbstractDisclosureIndexPage, Page):
    content_panels = Page.content_panels + AbstractDisclosureIndexPage.govinfo_panels
    api_fields = AbstractDisclosureIndexPage.api_fields
    subpage_types = ["wagtail_govinfo.ColumnPage"]

    class Meta:
        verbose_name = _("government information disclosure listing")
        verbose_name_plural = _("government information disclosure listings")


#: Page types whose content a department submits and the workflow reviews.
CONTENT_PAGE_MODELS = (InfoPage, PolicyDocumentPage, InterpretationPage, TopicPage)
