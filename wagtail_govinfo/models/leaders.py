"""Leader profiles (领导简历、分工, 第八条).

A leader of the city is a snippet under the review workflow: the 市政府办公室 (the
department ``LEADER_DEPARTMENT`` names) keeps the profiles; its reviewers and leaders
review them like any other content. Names and posts are structured so later checks can
compare the names and titles used in content against them.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ..leader_forms import LeaderForm
from .departments import Department


class LeaderQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def serving(self):
        return self.filter(serving=True)


class Leader(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """One leader of the city government (市政府领导)."""

    family_name = models.CharField(_("family name"), max_length=20)  # 姓
    given_name = models.CharField(_("given name"), max_length=40)  # 名
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post = models.CharField(_("post"), max_length=100, help_text=_("E.g. 市长, 副市长."))  # 职务
    biography = RichTextField(_("curriculum vitae"), blank=True)  # 简历
    overseen_departments = ParentalManyToManyField(  # 分工: 分管部门
        Department,
        verbose_name=_("departments overseen"),
        related_name="overseeing_leaders",
        blank=True,
    )
    areas = models.TextField(  # 分工: 分管领域
        _("areas of responsibility"),
        blank=True,
        help_text=_("The work this leader is in charge of, as published (分工)."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Smaller first."))
    serving = models.BooleanField(_("serving"), default=True)
    submitting_department = models.ForeignKey(
        Department,
        verbose_name=_("submitting department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="govinfo_leader")

    objects = LeaderQuerySet.as_manager()
    base_form_class = LeaderForm

    panels = [
        FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name")], heading=_("Name")),
        FieldPanel("post"),
        FieldPanel("photo"),
        FieldPanel("biography"),
        MultiFieldPanel(
            [FieldPanel("overseen_departments"), FieldPanel("areas")],
            heading=_("Division of work"),
        ),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("serving")]),
    ]
    search_fields = [
        index.SearchField("family_name"),
        index.SearchField("given_name"),
        index.SearchField("post"),
        index.AutocompleteField("family_name"),
        index.AutocompleteField("given_name"),
    ]

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["-serving", "sort_order", "pk"]

    def __str__(self):
        return f"{self.full_name}（{self.post}）" if self.post else self.full_name

    @property
    def full_name(self):
        return f"{self.family_name}{self.given_name}"

    @property
    def revisions(self):
        return self._revisions

    def screening_text(self):
        return "\n".join(
            p for p in [self.full_name, self.post, strip_tags(self.biography or ""), self.areas] if p
        )


def _leader_api_fields():
    from rest_framework import serializers
    from wagtail.api import APIField

    from .pages import DepartmentsAPIField

    class PhotoField(serializers.Field):
        def to_representation(self, value):
            if value is None:
                return None
            return {"id": value.pk, "title": value.title, "url": value.file.url}

    class BiographyField(serializers.Field):
        def to_representation(self, value):
            from wagtail.rich_text import expand_db_html

            return expand_db_html(value or "")

    return [
        APIField("family_name"),
        APIField("given_name"),
        APIField("full_name"),
        APIField("post"),
        APIField("photo", serializer=PhotoField()),
        APIField("biography", serializer=BiographyField()),
        APIField("overseen_departments", serializer=DepartmentsAPIField()),
        APIField("areas"),
        APIField("sort_order"),
        APIField("serving"),
    ]


Leader.api_fields = _leader_api_fields()
