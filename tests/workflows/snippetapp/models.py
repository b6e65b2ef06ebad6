"""What a snippet needs to go through the review: Wagtail's workflow mixins, a
``submitting_department`` and (for the screening) ``screening_text()``."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from wagtail_govinfo.models import Department
from wagtail_govinfo.models.publication import SignedPublicationMixin


class ReviewedNotice(SignedPublicationMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    submitting_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="reviewed_notice")

    panels = [FieldPanel("title"), FieldPanel("body"), FieldPanel("submitting_department")]

    @property
    def revisions(self):
        return self._revisions

    def screening_text(self):
        return "\n".join([self.title, self.body])

    def __str__(self):
        return self.title
